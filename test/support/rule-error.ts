import { expect } from "vitest";
import { RuleError } from "../../src/core/errors.js";

/** The RuleError a call throws (fails the test when it throws nothing or something else). */
export function ruleError(call: () => unknown): RuleError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    return error as RuleError;
  }
  throw new Error("expected a RuleError");
}

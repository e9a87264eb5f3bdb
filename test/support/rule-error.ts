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

/**
 * Asserts that a call is refused with a RuleError naming `argument`, in English (`argument: ...`) and in
 * Chinese (`argument：...`), its English message starting with `message`.
 */
export function expectRuleError(call: () => unknown, argument: string, message: string): RuleError {
  const error = ruleError(call);
  expect(error.argument).toBe(argument);
  expect(error.message.startsWith(`${argument}: `)).toBe(true);
  expect(error.message.startsWith(message)).toBe(true);
  expect(error.zh.startsWith(`${argument}：`)).toBe(true);
  return error;
}

/**
 * The IBM "Accounts Receivable" sample states no licence, so the repository does not ship it: tests that
 * need it run when it is in ../shared/data (or $AR_DATA_DIR) and are skipped, with the reason in their
 * name, when it is not.
 */
import { ibmSampleAvailable } from "../../src/analytics/io.js";

/** Whether the sample is there (checked once, when the test file loads). */
export const ibmPresent = ibmSampleAvailable();

/** Why the IBM suites are skipped. */
export const IBM_ABSENT = "IBM sample absent (../shared/data or AR_DATA_DIR): skipped";

/** A suite's name, saying why it is skipped when the sample is absent. */
export function ibmSuite(name: string): string {
  return ibmPresent ? name : `${name}: ${IBM_ABSENT}`;
}

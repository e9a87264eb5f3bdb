import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/support/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Nothing may depend on the machine's time zone; pin one far from UTC anyway, so that a slip shows.
    env: { TZ: "Pacific/Chatham" },
    testTimeout: 20_000,
    pool: "forks",
    reporters: ["default", new SummaryReporter()],
  },
});

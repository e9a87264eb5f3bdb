import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Nothing may depend on the machine's time zone; pin one far from UTC anyway, so that a slip shows.
    env: { TZ: "Pacific/Chatham", OFFICE_ADDIN_USAGE_DATA_OPT_OUT: "true" },
    testTimeout: 20_000,
    pool: "forks",
  },
});

import { defineConfig } from "vitest/config";
import { ALL_ORDER, ALL_WITHIN, ALL_WORKERS } from "./suites.js";
import { endToEndFiles } from "./vitest.e2e.config.js";
import { longestFirst, shared, unitFiles } from "./vitest.config.js";

// `npm run test:all` (the README's test command, and CI's): the inner loop's files and the
// end-to-end ones in one run, as two projects that keep their own settings ("unit": one module
// registry per worker; "e2e": one per file). One run lets the end-to-end files' waiting (on
// Chromium, npm, servers) overlap with the inner loop's CPU work, and one global setup serves both:
// the mocks, and one fresh build with the docs (test/support/global-setup-e2e.ts), which the drift
// check reads as well. The order and the number of workers are test/suites.ts's.
const { globalSetup: _, maxWorkers: __, ...perProject } = shared;

export default defineConfig({
  test: {
    ...shared,
    globalSetup: ["./test/support/global-setup-e2e.ts"],
    maxWorkers: ALL_WORKERS,
    sequence: { sequencer: longestFirst(ALL_ORDER, ALL_WITHIN) },
    projects: [
      { test: { ...perProject, name: "unit", ...unitFiles } },
      { test: { ...perProject, name: "e2e", ...endToEndFiles } },
    ],
  },
});

import { defineConfig } from "vitest/config";
import { E2E_LONGEST_FIRST, END_TO_END } from "./suites.js";
import { longestFirst, shared } from "./vitest.config.js";

// `npm run test:e2e`: the end-to-end files, *.e2e.test.ts (test/suites.ts says why), longest first.
// docs-reference.e2e.test.ts leads: it asks for the run's fresh build (test/support/global-setup.ts), which then builds
// in the background while the other worker packs the package.

/** The end-to-end files, in `npm run test:e2e` and in `npm run test:all`'s "e2e" project: each in
 * a module registry of its own (vitest's default). */
export const endToEndFiles = {
  include: [END_TO_END],
  // Tests a file marks concurrent (the reference pages) run two at a time.
  maxConcurrency: 2,
};

export default defineConfig({
  test: {
    ...shared,
    globalSetup: ["./test/support/global-setup-e2e.ts"],
    ...endToEndFiles,
    sequence: { sequencer: longestFirst(E2E_LONGEST_FIRST) },
  },
});

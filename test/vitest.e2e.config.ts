import { defineConfig } from "vitest/config";
import { END_TO_END } from "./suites.js";
import { longestFirst, shared } from "./vitest.config.js";

// `npm run test:e2e`: the end-to-end files (test/suites.ts says which and why), longest first.
// docs.test.ts leads: it asks for the run's fresh build (test/global-setup.ts), which then builds
// in the background while the other worker packs the package.
export default defineConfig({
  test: {
    ...shared,
    globalSetup: ["./test/global-setup-e2e.ts"],
    include: END_TO_END,
    sequence: { sequencer: longestFirst(END_TO_END) },
  },
});

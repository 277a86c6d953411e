import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { END_TO_END, FAST_LONGEST_FIRST, UNIT } from "./suites.js";

// `npm test`: every file but the end-to-end ones (*.e2e.test.ts, test/suites.ts; `npm run test:e2e`).
// The longest files first, so that the two workers end together instead of one of them starting
// a long file last.
export function longestFirst(order: string[]) {
  return class LongestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const rank = (f: TestSpecification) => {
        const i = order.findIndex((name) => f.moduleId.endsWith(`/${name}`));
        return i < 0 ? order.length : i;
      };
      return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
    }
  };
}

export const shared = {
  root: new URL("..", import.meta.url).pathname,
  globalSetup: ["./test/support/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Two forks match the two cores CI has; the heavy work runs in child processes anyway.
  pool: "forks" as const,
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    ...shared,
    // One module registry per worker, not per file: the files share what they import (Redocly,
    // Spectral, Prism, TypeScript), loaded once per worker instead of once per file. No file
    // changes process-wide state (cwd, environment, module mocks) that another could see.
    isolate: false,
    include: [UNIT],
    exclude: ["**/node_modules/**", END_TO_END],
    sequence: { sequencer: longestFirst(FAST_LONGEST_FIRST) },
  },
});

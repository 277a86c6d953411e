import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { END_TO_END, FAST_LONGEST_FIRST, UNIT } from "./suites.js";

// `npm test`: every file but the end-to-end ones (*.e2e.test.ts, test/suites.ts; `npm run test:e2e`).
// The longest files first, so that the two workers end together instead of one of them starting
// a long file last.
// An entry of `order` is a file or a project's name (its files not listed, in `within[project]`'s
// order); files named nowhere keep vitest's own order (longest last time first), after the others.
export function longestFirst(order: string[], within: Record<string, string[]> = {}) {
  return class LongestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const index = (list: string[], f: TestSpecification) => {
        const i = list.findIndex((name) => f.moduleId.endsWith(`/${name}`));
        return i < 0 ? list.length : i;
      };
      const rank = (f: TestSpecification) => {
        const file = index(order, f);
        const project = order.indexOf(f.project.name);
        return file < order.length || project < 0 ? [file, 0] : [project, index(within[f.project.name] ?? [], f)];
      };
      const ranked = new Map((await super.sort(files)).map((f) => [f, rank(f)] as const));
      return [...ranked.keys()].sort(
        (a, b) => ranked.get(a)![0]! - ranked.get(b)![0]! || ranked.get(a)![1]! - ranked.get(b)![1]!,
      );
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

/** The inner loop's files and how they run, in `npm test` and in `npm run test:all`'s "unit" project. */
export const unitFiles = {
  // One module registry per worker, not per file: the files share what they import (Redocly,
  // Spectral, Prism, TypeScript), loaded once per worker instead of once per file. No file
  // changes process-wide state (cwd, environment, module mocks) that another could see.
  isolate: false,
  include: [UNIT],
  exclude: ["**/node_modules/**", END_TO_END],
};

export default defineConfig({
  test: {
    ...shared,
    ...unitFiles,
    sequence: { sequencer: longestFirst(FAST_LONGEST_FIRST) },
  },
});

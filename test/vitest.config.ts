import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// The longest files first, so that the two workers end together instead of one of them starting
// a long file last. docs.test.ts leads: it asks for the run's fresh build (test/global-setup.ts),
// which then builds in the background while the other worker packs the package.
const LONGEST_FIRST = [
  "test/docs/docs.test.ts",
  "test/package.test.ts",
  "test/typecheck.test.ts",
  "test/release.test.ts",
  "test/stop.test.ts",
  "test/build.test.ts",
  "test/docs/live-preview.test.ts",
  "test/lint.test.ts",
  "test/docs/code-samples.test.ts",
  "test/readme.test.ts",
  "test/conformance/conformance.test.ts",
  "test/portability.test.ts",
  "test/mock-server.test.ts",
  "test/fuzz.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two forks match the two cores CI has; the heavy work runs in child processes anyway.
    pool: "forks",
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});

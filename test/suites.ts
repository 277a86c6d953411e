// Which test files run where, by name. `npm test` is the inner loop (goal: 45 s on a quiet 2-core
// machine): every test/**/*.test.ts but the end-to-end files. An end-to-end file is named
// *.e2e.test.ts and runs in `npm run test:e2e`: it drives something outside this process tree end
// to end: npm itself (pack, a throw-away registry, install into a new project), Chromium (the docs,
// the live preview, CORS from another origin), `npm start` and process managers' signals sent to
// npm and node, load and abuse (fuzzed requests, 20 MB bodies, 1,000 connections, slow clients)
// against the mocks as `npm start` runs them, git (a release commit and tag), and the first hour
// with every command through npm (help, typos, signals, a broken spec, the README's recipes).
// `npm run test:all` (the README's test command, and CI's) runs both in one vitest run, as two
// projects (test/vitest.all.config.ts). The live suite (test/live/*.live.ts) is neither:
// `npm run test:live`.

export const UNIT = "test/**/*.test.ts";
export const END_TO_END = "test/**/*.e2e.test.ts";

/** The end-to-end files that take longest (wall time on 2 workers), first, so that both workers end
 * together. docs-reference.e2e.test.ts leads: it asks for the run's fresh build, which then builds
 * while the other worker packs the package (which needs no build); the files after them read the build. */
export const E2E_LONGEST_FIRST = [
  "test/docs/docs-reference.e2e.test.ts",
  "test/release/package.e2e.test.ts",
  "test/docs/docs.e2e.test.ts",
  "test/commands/stop.e2e.test.ts",
  "test/commands/first-hour-commands.e2e.test.ts",
  "test/docs/first-hour-docs.e2e.test.ts",
  "test/docs/live-preview.e2e.test.ts",
  "test/release/release.e2e.test.ts",
  "test/mock-engine/mock-server.e2e.test.ts",
  "test/mock-engine/fuzz.e2e.test.ts",
];

/** The inner loop's longest files, first, so that the two workers end together: the longest on a
 * warm run (caches of test/support/cache-folder.ts, the lint cache) and, early too, those that are
 * long only on a cold one (a fresh clone: portability, lint). build.test.ts leads: it asks for the
 * run's fresh build (when its drift check runs), which then runs beside both. */
export const FAST_LONGEST_FIRST = [
  "test/generate/build.test.ts",
  "test/generate/portability.test.ts",
  "test/lint/lint.test.ts",
  "test/conformance/conformance.test.ts",
  "test/mock-engine/mock-engine.test.ts",
  "test/commands/typecheck.test.ts",
  "test/generate/document-forms.test.ts",
  "test/guides/readme.test.ts",
  "test/mock-engine/mock-control.test.ts",
  "test/lint/lint-cache.test.ts",
  "test/docs/code-samples.test.ts",
];

/** `npm run test:all`'s order: an entry is a file, or a project ("unit", "e2e") standing for its
 * files in the order given for it below. The longest files first, as in each suite, so that the
 * workers end together: the end-to-end files, whose waiting the other files' CPU work fills, and
 * then the inner loop's files as one block (a worker that ends one of them takes the next with the
 * modules it has loaded, isolate: false), short and CPU-bound, which fill the workers to the end. */
export const ALL_ORDER = ["e2e", "unit"];
export const ALL_WITHIN: Record<string, string[]> = {
  // docs-reference.e2e.test.ts asks for the run's fresh build at once; the first-hour commands and the package
  // test need none at first. The rest by their length on a quiet machine.
  e2e: [
    "test/docs/docs-reference.e2e.test.ts",
    "test/commands/first-hour-commands.e2e.test.ts",
    "test/release/package.e2e.test.ts",
    "test/docs/docs.e2e.test.ts",
    "test/docs/first-hour-docs.e2e.test.ts",
    "test/docs/live-preview.e2e.test.ts",
    "test/commands/stop.e2e.test.ts",
    "test/release/release.e2e.test.ts",
    "test/mock-engine/fuzz.e2e.test.ts",
    "test/mock-engine/mock-server.e2e.test.ts",
  ],
  unit: FAST_LONGEST_FIRST,
};

/** Workers of `npm run test:all`: more than the two cores, since the end-to-end files spend much
 * of their time waiting (on Chromium, npm, servers), which another file's CPU work fills. */
export const ALL_WORKERS = 3;

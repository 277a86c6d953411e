// Which test files run where, by name. `npm test` is the inner loop (goal: 45 s on a quiet 2-core
// machine): every test/**/*.test.ts but the end-to-end files. An end-to-end file is named
// *.e2e.test.ts and runs in `npm run test:e2e`: it drives something outside this process tree end
// to end: npm itself (pack, a throw-away registry, install into a new project), Chromium (the docs,
// the live preview, CORS from another origin), `npm start` and process managers' signals sent to
// npm and node, load and abuse (fuzzed requests, 20 MB bodies, 1,000 connections, slow clients)
// against the mocks as `npm start` runs them, git (a release commit and tag), and the first hour
// with every command through npm (help, typos, signals, a broken spec, the README's recipes).
// `npm run test:all` (the README's test command, and CI's) runs both. The live suite
// (test/live/*.live.ts) is neither: `npm run test:live`.

export const UNIT = "test/**/*.test.ts";
export const END_TO_END = "test/**/*.e2e.test.ts";

/** The end-to-end files that take longest (wall time on 2 workers), first, so that both workers end
 * together. docs.e2e.test.ts leads: it asks for the run's fresh build, which then builds while the
 * other worker packs the package (which needs no build); the files after them read the build. */
export const E2E_LONGEST_FIRST = [
  "test/docs/docs.e2e.test.ts",
  "test/release/package.e2e.test.ts",
  "test/commands/stop.e2e.test.ts",
  "test/commands/first-hour-commands.e2e.test.ts",
  "test/docs/first-hour-docs.e2e.test.ts",
  "test/docs/live-preview.e2e.test.ts",
  "test/release/release.e2e.test.ts",
  "test/mock-engine/mock-server.e2e.test.ts",
  "test/mock-engine/fuzz.e2e.test.ts",
];

/** The inner loop's longest files (CPU time, warm caches), first, so that the two workers end
 * together. build.test.ts leads: it asks for the run's fresh build, which then runs beside both. */
export const FAST_LONGEST_FIRST = [
  "test/generate/build.test.ts",
  "test/lint/lint.test.ts",
  "test/generate/document-forms.test.ts",
  "test/generate/portability.test.ts",
  "test/commands/typecheck.test.ts",
  "test/lint/lint-yaml-parse.test.ts",
  "test/conformance/conformance.test.ts",
  "test/guides/readme.test.ts",
  "test/docs/code-samples.test.ts",
];

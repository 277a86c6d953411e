// Which test files run where. `npm test` is the inner loop (goal: under 90 s on a quiet 2-core machine).
// `npm run test:e2e` runs the files that drive something outside this process tree end to end: npm
// itself (pack, a throw-away registry, install into a new project), Chromium (the docs, the live
// preview, CORS from another origin), `npm start` and process managers' signals sent to npm and
// node, load and abuse (fuzzed requests, 20 MB bodies, 1,000 connections, slow clients) against
// the mocks as `npm start` runs them, git (a release commit and tag), and the first hour with every
// command through npm (help, typos, signals, a broken spec, the README's recipes). `npm run test:all` (the
// README's test command, and CI's) runs both.

/** The end-to-end files, longest first. */
export const END_TO_END = [
  "test/docs/docs.test.ts",
  "test/package.test.ts",
  "test/release.test.ts",
  "test/docs/live-preview.test.ts",
  "test/first-hour-docs.test.ts",
  "test/first-hour-commands.test.ts",
  "test/stop.test.ts",
  "test/mock-server.test.ts",
  "test/fuzz.test.ts",
  "test/mock-cors.test.ts",
];

/** The inner loop's longest files, first, so that the two workers end together. */
export const FAST_LONGEST_FIRST = [
  "test/typecheck.test.ts",
  "test/build.test.ts",
  "test/lint.test.ts",
  "test/portability.test.ts",
  "test/conformance/conformance.test.ts",
  "test/docs/code-samples.test.ts",
  "test/readme.test.ts",
];

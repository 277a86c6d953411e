// `npm run test:live`: the live suite against real Healthchecks and Livebridge servers.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/live/**/*.live.ts"],
    globalSetup: ["./test/live/global-setup.ts"],
    testTimeout: 60_000,
    // Starting the servers migrates two databases: slow on a shared two-core machine.
    hookTimeout: 300_000,
    pool: "forks",
    // One file at a time: the files share the servers, and each cleans up the checks it made.
    fileParallelism: false,
  },
});

import { defineConfig } from "vitest/config";
export default defineConfig({ test: { root: "/work/h17a", include: ["test/live/**/*.live.ts"], globalSetup: ["/tmp/h17a/dev-setup.ts"], testTimeout: 200_000, pool: "forks", fileParallelism: false } });

// The global setup of `npm run test:e2e` and `npm run test:all` (test/vitest.e2e.config.ts,
// test/vitest.all.config.ts): test/support/global-setup.ts with the docs rendered in the fresh build,
// which the docs tests, the live preview and the stop test read (and, in test:all, the drift check).
import { globalSetup } from "./global-setup.js";

export default globalSetup({ docs: true });

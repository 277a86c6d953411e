// The end-to-end run's global setup (test/vitest.e2e.config.ts): test/support/global-setup.ts with the docs
// rendered in the fresh build, which the docs tests, the live preview and the stop test read.
import { globalSetup } from "./global-setup.js";

export default globalSetup({ docs: true });

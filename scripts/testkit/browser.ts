// Launches Debian's Chromium through playwright-core (never a downloaded browser). Fails with an
// exact install instruction when the binary is missing: browser tests never skip silently.
// playwright-core is loaded on launch only: ensure-chromium.ts reads the paths from here at npm's
// start of test:e2e and needs none of it.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Debian's two builds of the same Chromium, by what runs them. */
export const BROWSERS = {
  /** The headless shell (package chromium-headless-shell): the same Blink and V8 as the browser,
   * without its window and profile layer; what the browser tests drive (as Playwright does by
   * default for headless runs), at about three quarters of the browser's CPU on the same pages. */
  "headless-shell": {
    path: process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? "/usr/lib/chromium/chromium-headless-shell",
    variable: "CHROMIUM_HEADLESS_SHELL_PATH",
    debianPackage: "chromium-headless-shell",
  },
  /** The browser itself (package chromium), what a reader runs: `npm run bench` measures the pages
   * in it (first click, live preview, Lighthouse). */
  chromium: {
    path: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    variable: "CHROMIUM_PATH",
    debianPackage: "chromium",
  },
} as const;
export type BrowserBuild = keyof typeof BROWSERS;

/** The full browser's path (Lighthouse starts it itself). */
export const CHROMIUM = BROWSERS.chromium.path;

export async function launchChromium(build: BrowserBuild = "headless-shell"): Promise<Browser> {
  const { path, variable, debianPackage } = BROWSERS[build];
  if (!existsSync(path)) {
    throw new Error(
      `Chromium's ${build} is not installed at ${path}. Install Debian's package: ` +
        `sudo apt-get update && sudo apt-get install -y ${debianPackage} (or set ${variable}).`,
    );
  }
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: path,
    headless: true,
    // launch() already uses a fresh temporary profile.
    args: CHROMIUM_FLAGS,
  });
}

/** Without the background-networking flags Chromium keeps dialling out, which this closed network refuses. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

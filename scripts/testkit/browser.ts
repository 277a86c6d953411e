// Launches Debian's Chromium through playwright-core (never a downloaded browser). Fails with an
// exact install instruction when the binary is missing: browser tests never skip silently.
// playwright-core is loaded on launch only: ensure-chromium.ts reads CHROMIUM from here at npm's
// start of test:e2e and needs none of it.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package: ` +
        "sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).",
    );
  }
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
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

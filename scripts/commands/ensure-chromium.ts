// Runs before `npm run test:e2e`: the browser tests drive Debian's Chromium (/usr/bin/chromium), never a
// downloaded browser. If it is missing and we are root with apt, install it; otherwise say exactly
// what to install. The browser tests then fail (never skip) while it is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM } from "../testkit/browser.js";

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log(`${CHROMIUM} is missing: installing Debian's chromium with apt-get…`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      console.error("apt-get could not install chromium; the browser tests will fail until it is installed.");
    }
  } else {
    console.error(
      `${CHROMIUM} is missing and cannot be installed here (${isRoot ? "no apt-get" : "not root"}).\n` +
        `Install Debian's Chromium: sudo apt-get update && sudo apt-get install -y chromium\n` +
        `(or set CHROMIUM_PATH to a Chromium binary). The browser tests will fail until then.`,
    );
  }
}

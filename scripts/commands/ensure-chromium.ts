// Runs before `npm run test:e2e` and `npm run test:all`: the browser tests drive Debian's Chromium
// headless shell (package chromium-headless-shell; scripts/testkit/browser.ts), never a downloaded
// browser. If it is missing and we are root with apt, install it; otherwise say exactly what to
// install. The browser tests then fail (never skip) while it is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { BROWSERS } from "../testkit/browser.js";

const { path, variable, debianPackage } = BROWSERS["headless-shell"];
if (!existsSync(path)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log(`${path} is missing: installing Debian's ${debianPackage} with apt-get…`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", debianPackage], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      console.error(`apt-get could not install ${debianPackage}; the browser tests will fail until it is installed.`);
    }
  } else {
    console.error(
      `${path} is missing and cannot be installed here (${isRoot ? "no apt-get" : "not root"}).\n` +
        `Install Debian's Chromium headless shell: sudo apt-get update && sudo apt-get install -y ${debianPackage}\n` +
        `(or set ${variable} to its binary). The browser tests will fail until then.`,
    );
  }
}

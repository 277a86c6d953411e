// Runs before `npm run test:e2e` and `npm run test:all`: the browser tests drive Debian's Chromium,
// never a downloaded browser: its headless shell (package chromium-headless-shell) and, for what
// loads before a reader's first move, the browser itself (package chromium); see
// scripts/testkit/browser.ts. If either is missing and we are root with apt, install it; otherwise
// say exactly what to install. The browser tests then fail (never skip) while it is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { BROWSERS } from "../testkit/browser.js";

const missing = Object.values(BROWSERS).filter((b) => !existsSync(b.path));
const packages = missing.map((b) => b.debianPackage);
if (missing.length) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  const paths = missing.map((b) => b.path).join(" and ");
  if (isRoot && hasApt) {
    console.log(`${paths} missing: installing Debian's ${packages.join(" ")} with apt-get…`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      console.error(
        `apt-get could not install ${packages.join(" ")}; the browser tests will fail until it is installed.`,
      );
    }
  } else {
    console.error(
      `${paths} missing and cannot be installed here (${isRoot ? "no apt-get" : "not root"}).\n` +
        `Install Debian's Chromium: sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}\n` +
        `(or set ${missing.map((b) => b.variable).join(" / ")} to the binary). The browser tests will fail until then.`,
    );
  }
}

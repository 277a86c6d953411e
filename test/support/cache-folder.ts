// A folder that stays between test runs, for a compiler's incremental build info (tsc
// --incremental compares files by content, so what it keeps can only make a run faster, never change
// what it reports). One run holds it at a time: a run that finds it held by a live process works in
// a throw-away folder beside it instead, from scratch; a lock left by a killed run is taken over.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";

export interface CacheFolder {
  dir: string;
  /** Whether `dir` is the kept folder (false: a throw-away one). */
  kept: boolean;
  /** Frees the kept folder for the next run, or removes the throw-away one. */
  release(): void;
}

export function takeCacheFolder(path: string): CacheFolder {
  mkdirSync(path, { recursive: true });
  const lock = join(path, "lock");
  const kept = { dir: path, kept: true, release: () => rmSync(lock, { force: true }) };
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
    return kept;
  } catch {
    try {
      process.kill(Number(readFileSync(lock, "utf8")), 0);
    } catch {
      writeFileSync(lock, String(process.pid)); // left behind by a run that was killed
      return kept;
    }
    const dir = mkdtempSync(`${path}-`); // held by a live run
    return { dir, kept: false, release: () => rmSync(dir, { recursive: true, force: true }) };
  }
}

/** The kept folder `name` of this checkout, in the OS temp folder (outside the project, one per
 * checkout: its path's hash is in the name). */
export function takeCheckoutCacheFolder(name: string): CacheFolder {
  const checkout = createHash("sha256").update(ROOT).digest("hex").slice(0, 12);
  return takeCacheFolder(join(tmpdir(), `openapi-five-${name}-${checkout}`));
}

// File helpers for the build: atomic writes and input hashing.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** A file modified less than this (ms) before a cache of files by modification time and size is
 * written is not recorded: written again within the file system's timestamp granularity, it could
 * keep its time and size (the build's input cache, the registry's cache). */
export const RACY_MS = 2000;

/** Writes via a temporary sibling and rename, so a reader never sees half a file. Returns false if unchanged. */
export function writeAtomic(path: string, content: string | Uint8Array): boolean {
  if (
    existsSync(path) &&
    (typeof content === "string" ? readFileSync(path, "utf8") === content : readFileSync(path).equals(content))
  )
    return false;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return true;
}

/** Every file below `dir`, sorted, as paths relative to `base`. */
export function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  // The entries' types come with the listing: a stat only for a symbolic link (to follow it).
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    const isDir = entry.isSymbolicLink() ? statSync(full).isDirectory() : entry.isDirectory();
    if (isDir) out.push(...listFiles(full, base));
    else out.push(relative(base, full));
  }
  return out;
}

/** A digest over files (path and content) and extra strings: the build's cache key. */
export function hashInputs(root: string, files: string[], extra: string[] = []): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(root, file)))
      .update("\0");
  }
  for (const item of extra) hash.update(item).update("\0");
  return hash.digest("hex");
}

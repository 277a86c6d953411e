// Brotli and gzip copies of the docs' text files (`<file>.br`, `<file>.gz` next to each), made at
// docs build time so that the static server (scripts/serve/static-server.ts) negotiates them
// without compressing per request: the shared Redoc script is 2.3 MB as text, ~0.5 MB as brotli.
// A copy is remade only when its file is newer than it (writeAtomic leaves unchanged files
// alone), and copies whose file is gone are removed.
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { listFiles, writeAtomic } from "../registry/files.js";

/** The encodings made, best first: the file suffix is the Content-Encoding's. */
export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** Extensions of the files worth compressing (text). */
export const COMPRESSIBLE = new Set([".html", ".js", ".json", ".yaml", ".css", ".svg"]);

export const isCompressible = (path: string) => COMPRESSIBLE.has(extname(path));

/** Brotli's quality 7 of 11: the Redoc script in ~0.3 s at 578 kB, where 11 takes ~8 s for 520 kB
 * (the docs build makes ~11 MB of text each fresh build). */
const BROTLI_QUALITY = 7;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Compresses in libuv's thread pool, so that the files are compressed in parallel. */
function compress(encoding: (typeof ENCODINGS)[number]["name"], bytes: Buffer): Promise<Buffer> {
  if (encoding === "gzip") return gzipAsync(bytes, { level: 9 });
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Whether the compressed copy at `copy` was made from the current `file` (not older than it). */
export function isFresh(file: string, copy: string): boolean {
  try {
    return statSync(copy).mtimeMs >= statSync(file).mtimeMs;
  } catch {
    return false;
  }
}

/** Makes the missing or stale copies under `dir` and drops orphaned ones; returns the files compressed. */
export async function precompressDir(dir: string): Promise<string[]> {
  const files = listFiles(dir);
  const present = new Set(files);
  const stale: string[] = [];
  for (const name of files) {
    const suffix = ENCODINGS.find((e) => name.endsWith(e.suffix))?.suffix;
    if (suffix) {
      if (!present.has(name.slice(0, -suffix.length))) rmSync(join(dir, name), { force: true });
      continue;
    }
    if (!isCompressible(name) || name.includes(".tmp-") || basename(name).startsWith(".")) continue;
    const file = join(dir, name);
    if (!ENCODINGS.every((e) => isFresh(file, file + e.suffix))) stale.push(name);
  }
  await Promise.all(
    stale.flatMap((name) => {
      const file = join(dir, name);
      const bytes = readFileSync(file);
      return ENCODINGS.map(async (e) => {
        const packed = await compress(e.name, bytes);
        // No copy when compressing does not pay (a tiny file): the server then sends the file itself.
        // An unchanged copy is touched instead: it is current again for a file rewritten as it was.
        if (packed.length < bytes.length) {
          if (!writeAtomic(file + e.suffix, packed)) utimesSync(file + e.suffix, new Date(), new Date());
        } else if (existsSync(file + e.suffix)) rmSync(file + e.suffix);
      });
    }),
  );
  return stale;
}

/** Replaces a file of a built docs folder outside the build (a test pointing the portal at its own
 * mocks): its compressed copies are removed, so that the server sends the new text. (Their
 * modification times alone cannot tell: a rewrite within the same clock tick keeps the time.) */
export function replaceDocsFile(path: string, content: string): void {
  writeFileSync(path, content);
  for (const e of ENCODINGS) rmSync(path + e.suffix, { force: true });
}

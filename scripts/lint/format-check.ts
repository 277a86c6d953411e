// The code formatter's check, part of `npm run lint`: every TypeScript and JavaScript file git tracks
// (outside what .prettierignore leaves out: generated/, YAML and prose) must be as Prettier formats it
// with .prettierrc.json. Files already seen formatted are remembered by content hash in
// node_modules/.cache/, so a second run only formats what changed (and loads Prettier only then).
// The hash also covers Prettier's version, .prettierrc.json and .prettierignore: a change to any
// of them checks every file again.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../registry/apis.js";
import { writeAtomic } from "../registry/files.js";

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const CACHE = join(ROOT, "node_modules/.cache/openapi-five/formatted.json");

export interface FormatFinding {
  file: string;
  /** 1-based line of the first difference. */
  line: number;
}

/** The repository's code files, as git knows them (tracked and new, not ignored). */
function codeFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return [...new Set(out.split("\n"))].filter((f) => CODE.test(f));
}

/** What decides the formatting besides a file's content. */
function settings(): string {
  const read = (file: string) => {
    try {
      return readFileSync(join(ROOT, file), "utf8");
    } catch {
      return "";
    }
  };
  const { version } = JSON.parse(read("node_modules/prettier/package.json") || "{}") as { version?: string };
  return [version, read(".prettierrc.json"), read(".prettierignore")].join("\0");
}

function readCache(): Set<string> {
  try {
    return new Set(JSON.parse(readFileSync(CACHE, "utf8")) as string[]);
  } catch {
    return new Set();
  }
}

/** The files Prettier would change, each with the first line it would change; with `write`, changes them. */
export async function checkFormatting(files = codeFiles(), write = false): Promise<FormatFinding[]> {
  let prettier: typeof import("prettier") | undefined;
  const seen = readCache();
  const salt = settings();
  const hashOf = (file: string, source: string) =>
    createHash("sha1").update(salt).update("\0").update(file).update("\0").update(source).digest("hex");
  const formatted = new Set<string>();
  const findings: FormatFinding[] = [];
  for (const file of files) {
    const path = join(ROOT, file);
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch {
      continue; // listed by git, deleted in the work tree
    }
    const hash = hashOf(file, source);
    if (seen.has(hash)) {
      formatted.add(hash);
      continue;
    }
    prettier ??= await import("prettier");
    const info = await prettier.getFileInfo(path, { ignorePath: join(ROOT, ".prettierignore") });
    if (info.ignored) continue;
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    const output = await prettier.format(source, options);
    if (output === source) {
      formatted.add(hash);
      continue;
    }
    const a = source.split("\n");
    const b = output.split("\n");
    let line = 0;
    while (line < a.length && a[line] === b[line]) line++;
    findings.push({ file, line: line + 1 });
    if (write) {
      writeFileSync(path, output);
      formatted.add(hashOf(file, output));
    }
  }
  // Replaced, not written in place: a node_modules copied with hard links (one per clone) shares
  // the file's inode with every other checkout, whose files and settings differ.
  writeAtomic(CACHE, JSON.stringify([...formatted]));
  return findings;
}

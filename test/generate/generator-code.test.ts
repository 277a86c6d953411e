// The build skips an API whose inputs hash as before (scripts/generate/input-hashes.ts), and the
// generator code is one of those inputs, listed by hand: a module the generate stage imports but
// the list leaves out could change generated/ without any API being rebuilt. Every module its
// entry points reach through relative imports must be listed (or be a template, hashed whole).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/registry/apis.js";
import { GENERATOR_CODE } from "../../scripts/generate/input-hashes.js";

const ENTRY_POINTS = [
  "scripts/generate/generate.ts",
  "scripts/generate/generate-thread.ts",
  "scripts/generate/bundle.ts",
];

/** Every project module `entries` reach through relative static or dynamic imports, relative to ROOT. */
function reached(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = relative(ROOT, join(dirname(join(ROOT, file)), spec!.replace(/\.js$/, ".ts")));
      if (existsSync(join(ROOT, target))) visit(target);
    }
  };
  entries.forEach(visit);
  return [...seen].sort();
}

describe("the generator code the build hashes", () => {
  it("lists every module the generate stage imports", () => {
    const missing = reached(ENTRY_POINTS).filter(
      (f) => !GENERATOR_CODE.includes(f) && !f.startsWith("scripts/templates/"),
    );
    expect(missing, "add them to GENERATOR_CODE in scripts/generate/input-hashes.ts").toEqual([]);
  });

  it("finds a module reached only through another one", () => {
    expect(reached(["scripts/generate/generate.ts"])).toContain("scripts/openapi/credentials.ts");
  });
});

// The build skips an API whose inputs hash as before (scripts/generate/input-hashes.ts), and the
// generator code is one of those inputs, listed by hand: a module the generate stage imports but
// the list leaves out could change generated/ without any API being rebuilt. Every module its
// entry points reach through relative imports must be listed (or be a template, hashed whole).
import { describe, expect, it } from "vitest";
import { importClosure } from "../../scripts/registry/module-imports.js";
import { GENERATOR_CODE } from "../../scripts/generate/input-hashes.js";

const ENTRY_POINTS = [
  "scripts/generate/generate.ts",
  "scripts/generate/generate-thread.ts",
  "scripts/generate/bundle.ts",
];

describe("the generator code the build hashes", () => {
  it("lists every module the generate stage imports", () => {
    const missing = importClosure(ENTRY_POINTS).filter(
      (f) => !GENERATOR_CODE.includes(f) && !f.startsWith("scripts/templates/"),
    );
    expect(missing, "add them to GENERATOR_CODE in scripts/generate/input-hashes.ts").toEqual([]);
  });

  it("finds a module reached only through another one", () => {
    expect(importClosure(["scripts/generate/generate.ts"])).toContain("scripts/openapi/credentials.ts");
  });
});

// package.json `exports` and `files`, derived from the registry so that a new API is exported
// without editing package.json by hand: `./<api>` (client and types, compiled to dist/ by
// `npm pack`'s prepack), `./<api>/openapi*.json|yaml` (every form of the document), `./<api>/msw`
// (Mock Service Worker handlers) and `./msw` (the mock engine they share).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT, type ApiEntry } from "./apis.js";
import { writeAtomic } from "./files.js";

/** Every form of an API's document in generated/<api>/ (see generate.ts). */
export const DOCUMENT_FORMS = ["openapi.json", "openapi.yaml", "openapi.dereferenced.json", "openapi.3.0.json", "openapi.3.0.yaml"];

export function expectedExports(apis: ApiEntry[]): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const { name } of apis) {
    exports[`./${name}`] = { types: `./dist/${name}/index.d.ts`, default: `./dist/${name}/index.js` };
    for (const form of DOCUMENT_FORMS) exports[`./${name}/${form}`] = `./generated/${name}/${form}`;
    exports[`./${name}/msw`] = { types: `./dist/${name}/msw.d.ts`, default: `./dist/${name}/msw.js` };
  }
  // The mock engine behind every ./<api>/msw (scripts/lib/msw-handlers.ts, see tsconfig.pack-msw.json).
  exports["./msw"] = { types: "./dist/msw/msw-handlers.d.ts", default: "./dist/msw/msw-handlers.js" };
  exports["./package.json"] = "./package.json";
  return exports;
}

const FILES = ["dist/", "generated/*/openapi*.json", "generated/*/openapi*.yaml", "generated/*/*.ts", "CHANGELOG.md"];

/** Rewrites package.json when its exports/files do not match the registry; true if it changed. */
export function syncPackageExports(apis: ApiEntry[]): boolean {
  const path = resolve(ROOT, "package.json");
  const pkg = JSON.parse(readFileSync(path, "utf8"));
  const next = { ...pkg, exports: expectedExports(apis), files: FILES };
  // Keep package.json's key order: insert the two keys after `scripts` if they are new.
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(pkg)) {
    ordered[key] = next[key];
    if (key === "scripts") {
      ordered.exports = next.exports;
      ordered.files = next.files;
    }
  }
  Object.assign(ordered, { exports: next.exports, files: next.files });
  return writeAtomic(path, `${JSON.stringify(ordered, null, 2)}\n`);
}

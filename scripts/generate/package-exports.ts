// What package.json's `exports` and `files` must say, derived from the registry so that a new API
// is exported without guessing: `./<api>` (client and types, compiled to dist/ by `npm pack`'s
// prepack), `./<api>/openapi*.json|yaml` (every form of the document), `./<api>/msw` (Mock Service
// Worker handlers), `./runtime` (the one runtime of every client: ApiError, PaginationError, ...)
// and `./msw` (the mock engine the handlers share). The build never writes package.json (it is an
// input of the build's hash); test/generate/package-exports.test.ts fails, naming the entries, when the two
// disagree.
import type { ApiEntry } from "../registry/apis.js";

/** Every form of an API's document in generated/<api>/ (see generate.ts). */
export const DOCUMENT_FORMS = [
  "openapi.json",
  "openapi.yaml",
  "openapi.dereferenced.json",
  "openapi.3.0.json",
  "openapi.3.0.yaml",
];

/** The MSW subpaths' types name msw's HttpHandler, which msw declares twice (a class per module
 * format): a CommonJS consumer's `msw/node` takes the require() one, so it gets a .d.cts copy
 * (made by prepack) that resolves msw as it does. The code is ES modules for both. */
const mswTypes = (base: string) => ({ require: `${base}.d.cts`, default: `${base}.d.ts` });

export function expectedExports(apis: ApiEntry[]): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const { name } of apis) {
    exports[`./${name}`] = { types: `./dist/${name}/index.d.ts`, default: `./dist/${name}/index.js` };
    for (const form of DOCUMENT_FORMS) exports[`./${name}/${form}`] = `./generated/${name}/${form}`;
    exports[`./${name}/msw`] = { types: mswTypes(`./dist/${name}/msw`), default: `./dist/${name}/msw.js` };
  }
  // generated/runtime/, compiled with the clients (see tsconfig.pack.json).
  exports["./runtime"] = { types: "./dist/runtime/index.d.ts", default: "./dist/runtime/index.js" };
  // The mock engine behind every ./<api>/msw (scripts/mock-engine/msw-handlers.ts, see tsconfig.pack-msw.json).
  exports["./msw"] = { types: mswTypes("./dist/msw/msw-handlers"), default: "./dist/msw/msw-handlers.js" };
  exports["./package.json"] = "./package.json";
  return exports;
}

/** package.json `files`: the compiled clients, and the documents and sources they come from. */
const PACKAGE_FILES = [
  "dist/",
  "generated/*/openapi*.json",
  "generated/*/openapi*.yaml",
  "generated/*/*.ts",
  "guides/*.md",
  "CHANGELOG.md",
];

/** How package.json's `exports` and `files` differ from what the registry requires, one line per
 * entry (`missing`, `extra` or `differs`), empty when they agree. */
export function packageJsonMismatches(pkg: { exports?: unknown; files?: unknown }, apis: ApiEntry[]): string[] {
  const problems: string[] = [];
  const expected = expectedExports(apis);
  const actual = (pkg.exports && typeof pkg.exports === "object" ? pkg.exports : {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in actual)) problems.push(`exports: missing ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    else if (JSON.stringify(actual[key]) !== JSON.stringify(value))
      problems.push(
        `exports: ${JSON.stringify(key)} differs: ${JSON.stringify(actual[key])}, expected ${JSON.stringify(value)}`,
      );
  }
  for (const key of Object.keys(actual)) if (!(key in expected)) problems.push(`exports: extra ${JSON.stringify(key)}`);
  const files = Array.isArray(pkg.files) ? (pkg.files as unknown[]) : [];
  for (const entry of PACKAGE_FILES)
    if (!files.includes(entry)) problems.push(`files: missing ${JSON.stringify(entry)}`);
  for (const entry of files)
    if (!PACKAGE_FILES.includes(entry as string)) problems.push(`files: extra ${JSON.stringify(entry)}`);
  return problems;
}

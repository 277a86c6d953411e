// Everything generated/<api>/ holds, computed in memory from the bundled document, and generated/runtime/.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { renderClient, renderIndex } from "./client-source.js";
import { dereferenceDocument } from "./dereference.js";
import { renderMswModule } from "./msw-source.js";
import { toOpenApi30 } from "./openapi30.js";
import { renderSchema } from "./schema-types.js";

export { renderSchema }; // also for test/commands/typecheck.test.ts

// yaml's CommonJS build, loaded by Node's own loader (see scripts/registry/apis.ts).
const { stringify } = createRequire(import.meta.url)("yaml") as typeof import("yaml");

const TEMPLATES = resolve(ROOT, "scripts/templates");

const TOP_LEVEL_ORDER = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
  "paths",
  "webhooks",
  "components",
];

/** Canonical top-level order and alphabetical components, so bundles diff cleanly. */
export function stableDocument(doc: OpenApiDocument): OpenApiDocument {
  const fields: Record<string, unknown> = { ...doc };
  const out: Record<string, unknown> = {};
  const keys = [
    ...TOP_LEVEL_ORDER.filter((k) => k in doc),
    ...Object.keys(doc)
      .filter((k) => !TOP_LEVEL_ORDER.includes(k))
      .sort(),
  ];
  for (const key of keys) out[key] = fields[key];
  if (doc.components) {
    const components: Record<string, unknown> = { ...doc.components };
    out.components = Object.fromEntries(
      Object.keys(components)
        .sort()
        .map((kind) => [
          kind,
          Object.fromEntries(
            Object.entries(components[kind] as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          ),
        ]),
    );
  }
  return out as unknown as OpenApiDocument;
}

/** The folder of scripts/templates/ and of generated/ holding the one runtime every client imports. */
const RUNTIME_DIR = "runtime";

/** `scripts/templates/<dir>/*.ts`, each with a first line saying where it is edited. These are
 * hand-written and type-checked where they are (tsconfig.json's rootDirs lets them import
 * `./schema.js` from generated/<api>/); the build copies them next to the code they serve. */
function copiedModules(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const from = resolve(TEMPLATES, dir);
  if (!existsSync(from)) return out;
  for (const file of readdirSync(from)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const header = `// Copied by \`npm run build\` from scripts/templates/${dir}/${file}, where it is edited and type-checked. Do not edit this copy.\n`;
    out.set(file, header + readFileSync(resolve(from, file), "utf8"));
  }
  return out;
}

/** generated/runtime/: ApiError, unwrap, the request hooks, Session, retries and pagination. */
export function generateRuntime(): Map<string, string> {
  return copiedModules(RUNTIME_DIR);
}

const json = (d: OpenApiDocument) => `${JSON.stringify(d, null, 2)}\n`;
const yaml = (d: OpenApiDocument) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });

// generated/<api>/ in three parts, so that the build's two threads can share them (see
// stage-order.ts): the 3.1 document's own forms, its 3.0 variant, and the code.

/** openapi.json, openapi.yaml and openapi.dereferenced.json from `doc` (a stableDocument). */
export function documentForms(api: ApiEntry, doc: OpenApiDocument): Map<string, string> {
  if (api.name === RUNTIME_DIR)
    throw new Error(
      `an API cannot be named "${RUNTIME_DIR}": generated/${RUNTIME_DIR}/ holds the clients' shared runtime`,
    );
  return new Map([
    ["openapi.json", json(doc)],
    ["openapi.yaml", yaml(doc)],
    ["openapi.dereferenced.json", json(dereferenceDocument(doc))],
  ]);
}

/** openapi.3.0.json and openapi.3.0.yaml from `doc` (a stableDocument). */
export function openapi30Forms(doc: OpenApiDocument): Map<string, string> {
  const doc30 = toOpenApi30(doc);
  return new Map([
    ["openapi.3.0.json", json(doc30)],
    ["openapi.3.0.yaml", yaml(doc30)],
  ]);
}

/** From `doc` (a stableDocument), the code: the types, the client with its helpers, the MSW handlers. */
export async function codeFiles(api: ApiEntry, doc: OpenApiDocument): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set("schema.ts", await renderSchema(doc));
  // Per-API helpers (pagination, retries, ...): scripts/templates/<api>/*.ts.
  const helpers = copiedModules(api.name);
  for (const [file, source] of helpers) files.set(file, source);
  const helperNames = [...helpers.keys()].map((f) => f.replace(/\.ts$/, ""));
  files.set("client.ts", renderClient(api, doc, helperNames));
  files.set("index.ts", renderIndex(api, helperNames));
  files.set("msw.ts", renderMswModule(api, doc));
  return files;
}

// Everything generated/<api>/ holds, computed in memory from the bundled document.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { stringify } from "yaml";
import { ROOT, type ApiEntry } from "./apis.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { GENERATED_HEADER, renderClient, renderIndex } from "./client-source.js";
import { dereferenceDocument } from "./dereference.js";
import { renderMswModule } from "./msw-source.js";
import { toOpenApi30 } from "./openapi30.js";

export const TEMPLATES = resolve(ROOT, "scripts/templates");

const TOP_LEVEL_ORDER = ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "externalDocs", "paths", "webhooks", "components"];

/** Canonical top-level order and alphabetical components, so bundles diff cleanly. */
export function stableDocument(doc: OpenApiDocument): OpenApiDocument {
  const out: OpenApiDocument = {};
  const keys = [...TOP_LEVEL_ORDER.filter((k) => k in doc), ...Object.keys(doc).filter((k) => !TOP_LEVEL_ORDER.includes(k)).sort()];
  for (const key of keys) out[key] = doc[key];
  if (doc.components) {
    out.components = Object.fromEntries(
      Object.keys(doc.components)
        .sort()
        .map((kind) => [kind, Object.fromEntries(Object.entries(doc.components[kind] as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]),
    );
  }
  return out;
}

// openapi-typescript lints and bundles its input again with its own @redocly/openapi-core (v1)
// and the "minimal" rules. Ours is already linted and bundled, so it gets a config without rules.
type V1 = { createConfig(config: object, options?: object): Promise<unknown> };
let emptyV1Config: Promise<unknown> | undefined;
function noLintConfig(): Promise<unknown> {
  const fromOpenapiTs = createRequire(createRequire(import.meta.url).resolve("openapi-typescript"));
  emptyV1Config ??= (fromOpenapiTs("@redocly/openapi-core") as V1).createConfig({ rules: {} }, { extends: [] });
  return emptyV1Config;
}

export async function renderSchema(doc: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as any, {
    redocly: (await noLintConfig()) as any,
    defaultNonNullable: false, // a default in a request must not make the field required
    emptyObjectsUnknown: true,
    readWriteMarkers: true,
    silent: true,
  });
  // readWriteMarkers: readOnly fields become $Read<T> (declared inline in the output), which
  // openapi-fetch strips from request bodies, so sending one does not compile.
  return `${GENERATED_HEADER}${astToString(ast)}`;
}

/** Per-API helper modules (pagination, retries, ...) kept in scripts/templates/extras/<api>/. */
function extrasFor(api: ApiEntry): Map<string, string> {
  const dir = resolve(TEMPLATES, "extras", api.name);
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    out.set(file, GENERATED_HEADER + readFileSync(resolve(dir, file), "utf8"));
  }
  return out;
}

/** Shared helper modules copied into every API that imports them (scripts/templates/shared/). */
function sharedHelpers(extras: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const dir = resolve(TEMPLATES, "shared");
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    const module = `./${file.replace(/\.ts$/, ".js")}`;
    if ([...extras.values()].some((src) => src.includes(`"${module}"`))) {
      out.set(file, GENERATED_HEADER + readFileSync(resolve(dir, file), "utf8"));
    }
  }
  return out;
}

export async function generateApi(api: ApiEntry, bundled: OpenApiDocument): Promise<Map<string, string>> {
  const doc = stableDocument(bundled);
  const files = new Map<string, string>();
  const json = (d: OpenApiDocument) => `${JSON.stringify(d, null, 2)}\n`;
  const yaml = (d: OpenApiDocument) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });
  files.set("openapi.json", json(doc));
  files.set("openapi.yaml", yaml(doc));
  files.set("openapi.dereferenced.json", json(dereferenceDocument(doc)));
  const doc30 = toOpenApi30(doc);
  files.set("openapi.3.0.json", json(doc30));
  files.set("openapi.3.0.yaml", yaml(doc30));
  files.set("schema.ts", await renderSchema(doc));
  files.set("runtime.ts", GENERATED_HEADER + readFileSync(resolve(TEMPLATES, "runtime.ts"), "utf8"));
  if (api.session) files.set("session.ts", GENERATED_HEADER + readFileSync(resolve(TEMPLATES, "session.ts"), "utf8"));
  const extras = extrasFor(api);
  for (const [file, source] of sharedHelpers(extras)) files.set(file, source);
  for (const [file, source] of extras) files.set(file, source);
  const extraNames = [...extras.keys()].map((f) => f.replace(/\.ts$/, ""));
  files.set("client.ts", renderClient(api, doc, extraNames));
  files.set("index.ts", renderIndex(api, extraNames));
  files.set("msw.ts", renderMswModule(api, doc));
  return files;
}

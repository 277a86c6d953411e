// The build: for every API in the registry, lint (errors only) and bundle the spec, generate
// bundle/types/client into generated/<api>/ (and the clients' one runtime into generated/runtime/),
// then render the docs. Everything is computed in memory first; nothing is written unless every
// API succeeded. Unchanged APIs are skipped by a hash of their inputs (spec files, templates,
// generator code, tool versions). package.json is not written (test/package-exports.test.ts).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ROOT, loadApis, type ApiEntry } from "./apis.js";
import type { OpenApiDocument } from "./bundle.js";
import { hashInputs, listFiles, writeAtomic } from "./files.js";
import { DOCS, GENERATED, RUNTIME } from "./paths.js";
// bundle.js, generate.js and docs.js load Redocly, openapi-typescript (and TypeScript) and Redoc:
// seconds of start-up. They are imported only when something needs rebuilding.

const MANIFEST = resolve(GENERATED, "manifest.json");
const DOCS_MANIFEST = resolve(DOCS, ".manifest.json");

export interface BuildOptions {
  force?: boolean;
  docs?: boolean;
  /** Host shown in the portal's mock links. */
  mockHost?: string;
  log?: (line: string) => void;
}

export interface BuildReport {
  built: string[];
  skipped: string[];
  docsBuilt: string[];
  written: string[];
  /** Milliseconds per stage, summed over APIs. */
  stages: Record<string, number>;
}

/** The code that shapes generated/ (and tool versions): a change to any of it rebuilds every API. */
const GENERATOR_CODE = ["bundle.ts", "generate.ts", "client-source.ts", "msw-source.ts", "openapi.ts", "dereference.ts", "openapi30.ts", "schema-walk.ts"].map((f) => `scripts/lib/${f}`);

function sharedInputs(): { files: string[]; extra: string[] } {
  const files = [...listFiles(resolve(ROOT, "scripts/templates"), ROOT), ...GENERATOR_CODE, "redocly.yaml"];
  const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
  return { files, extra: [JSON.stringify(pkg.dependencies), JSON.stringify(pkg.devDependencies)] };
}

function specFiles(api: ApiEntry): string[] {
  return listFiles(resolve(api.root, ".."), ROOT);
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return fallback;
  }
}

async function timed<T>(stages: Record<string, number>, stage: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    stages[stage] = (stages[stage] ?? 0) + (performance.now() - start);
  }
}

export async function runBuild(options: BuildOptions = {}): Promise<BuildReport> {
  const log = options.log ?? (() => {});
  const apis = loadApis();
  const shared = sharedInputs();
  const manifest = readJson<Record<string, string>>(MANIFEST, {});
  const stages: Record<string, number> = {};
  const report: BuildReport = { built: [], skipped: [], docsBuilt: [], written: [], stages };
  const pending = new Map<ApiEntry, { hash: string; files: Map<string, string> }>();
  const docs = new Map<string, OpenApiDocument>();
  const failures: string[] = [];
  let runtime: Map<string, string> | undefined;

  for (const api of apis) {
    const hash = hashInputs(ROOT, [...specFiles(api), ...shared.files], shared.extra);
    const outDir = join(GENERATED, api.name);
    if (!options.force && manifest[api.name] === hash && existsSync(join(outDir, "openapi.json")) && existsSync(join(outDir, "client.ts"))) {
      report.skipped.push(api.name);
      continue;
    }
    try {
      const { SpecError, bundleApi, lintStructure } = await import("./bundle.js");
      const { generateApi } = await import("./generate.js");
      const lintErrors = await timed(stages, "lint", () => lintStructure(api));
      if (lintErrors.length) throw new SpecError(api.name, lintErrors);
      const doc = await timed(stages, "bundle", () => bundleApi(api));
      if (failures.length) continue; // nothing will be written: only look for more spec problems
      const files = await timed(stages, "generate", () => generateApi(api, doc));
      pending.set(api, { hash, files });
      docs.set(api.name, JSON.parse(files.get("openapi.json")!));
    } catch (err) {
      failures.push(err instanceof Error && err.name === "SpecError" ? err.message : `${api.name}: ${(err as Error).stack ?? err}`);
    }
  }
  if (failures.length) {
    throw new Error(`build failed; nothing was written.\n${failures.join("\n")}`);
  }
  // The one runtime every client imports (generated/runtime/), a copy of scripts/templates/runtime/.
  if (pending.size > 0 || !existsSync(RUNTIME)) runtime = (await import("./generate.js")).generateRuntime();

  await timed(stages, "write", async () => {
    /** Makes `outDir` hold exactly `files`. */
    const writeFolder = (outDir: string, files: Map<string, string>) => {
      for (const [file, content] of files) {
        if (writeAtomic(join(outDir, file), content)) report.written.push(relative(ROOT, join(outDir, file)));
      }
      for (const stale of listFiles(outDir).filter((f) => !files.has(f))) {
        rmSync(join(outDir, stale));
        report.written.push(`${relative(ROOT, join(outDir, stale))} (removed)`);
      }
    };
    if (runtime) writeFolder(RUNTIME, runtime);
    for (const [api, { hash, files }] of pending) {
      writeFolder(join(GENERATED, api.name), files);
      manifest[api.name] = hash;
      report.built.push(api.name);
    }
    const ordered = Object.fromEntries(apis.map((a) => [a.name, manifest[a.name]]));
    if (writeAtomic(MANIFEST, `${JSON.stringify(ordered, null, 2)}\n`)) report.written.push(relative(ROOT, MANIFEST));
  });
  log(`generated/: built ${report.built.join(", ") || "nothing"}; unchanged ${report.skipped.join(", ") || "none"}`);

  if (options.docs !== false) await buildDocs(apis, docs, report, options);
  return report;
}

/** The code that shapes a rendered page: a change to any of it re-renders every page. */
const DOCS_CODE = ["docs.ts", "docs-copy.ts", "code-samples.ts", "request-builder.ts", "client-source.ts", "openapi.ts"].map((f) => `scripts/lib/${f}`);

async function buildDocs(apis: ApiEntry[], fresh: Map<string, OpenApiDocument>, report: BuildReport, options: BuildOptions) {
  const docsManifest = readJson<Record<string, string>>(DOCS_MANIFEST, {});
  const host = options.mockHost ?? "127.0.0.1";
  const { FAVICON_SVG, redocScript } = await import("./docs.js");
  const script = redocScript();
  writeAtomic(join(DOCS, script.name), script.text);
  writeAtomic(join(DOCS, "favicon.svg"), FAVICON_SVG);
  const entries = [];
  for (const api of apis) {
    const bundlePath = join(GENERATED, api.name, "openapi.json");
    const bundleText = readFileSync(bundlePath, "utf8");
    const doc = fresh.get(api.name) ?? (JSON.parse(bundleText) as OpenApiDocument);
    const hash = hashInputs(ROOT, [relative(ROOT, bundlePath), ...DOCS_CODE], [JSON.stringify(readFileSync(resolve(ROOT, "redocly.yaml"), "utf8")), script.name]);
    const page = join(DOCS, `${api.name}.html`);
    if (options.force || docsManifest[api.name] !== hash || !existsSync(page) || !existsSync(join(DOCS, `${api.name}.json`))) {
      const { renderReference } = await import("./docs.js");
      const { docsCopy } = await import("./docs-copy.js");
      const { redoclyConfig } = await import("./bundle.js");
      const config = await redoclyConfig();
      const rendered = await timed(report.stages, "docs", () => renderReference(api, config, docsCopy(api, doc), script.name, DOCS));
      // JSON first: a page never points at a definition that is not there yet.
      writeAtomic(join(DOCS, `${api.name}.json`), rendered.json);
      writeAtomic(page, rendered.html);
      docsManifest[api.name] = hash;
      report.docsBuilt.push(api.name);
    }
    writeAtomic(join(DOCS, "specs", api.name, "openapi.json"), bundleText);
    writeAtomic(join(DOCS, "specs", api.name, "openapi.yaml"), readFileSync(join(GENERATED, api.name, "openapi.yaml"), "utf8"));
    const mockUrl = `http://${host}:${api.mockPort}/`;
    const { renderMockPage } = await import("./mock-page.js");
    writeAtomic(join(DOCS, `${api.name}-mock.html`), renderMockPage(api, doc, mockUrl));
    entries.push({ api, doc, mockUrl });
  }
  for (const stale of listFiles(DOCS).filter((f) => /^redoc\.[0-9a-f]{12}\.js$/.test(f) && f !== script.name)) rmSync(join(DOCS, stale));
  const { renderPortal } = await import("./portal.js");
  writeAtomic(join(DOCS, "index.html"), renderPortal(entries));
  writeAtomic(DOCS_MANIFEST, `${JSON.stringify(docsManifest, null, 2)}\n`);
}

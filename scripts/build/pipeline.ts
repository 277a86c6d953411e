// The build, two stages. Generate: for every API in the registry, check its structure (valid
// OpenAPI, every $ref resolves; the full rule set is `npm run lint`'s), bundle it and generate
// generated/<api>/ (the document forms, types, client, MSW handlers) and the clients' one runtime
// in generated/runtime/. Everything is computed in memory first; nothing is written unless every
// API succeeded. An API is skipped when the hash of its inputs (spec files, templates, generator
// code, declared dependency versions) matches generated/manifest.json. package.json is not written
// (test/package-exports.test.ts checks its exports). Docs (docs-site.ts): generated/docs/ rendered
// from the bundles in generated/<api>/, after they are written.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ROOT, loadApis, type ApiEntry } from "../registry/apis.js";
import { hashInputs, listFiles, writeAtomic } from "../registry/files.js";
import { generatedDir, MANIFEST, RUNTIME } from "../registry/generated-paths.js";
// The stages' modules load Redocly, openapi-typescript (and TypeScript) and Redoc: seconds of
// start-up. They are imported only when used (the generate stage's when an API needs rebuilding).

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
const GENERATOR_CODE = ["scripts/build/bundle.ts", "scripts/build/api-versions.ts", "scripts/registry/redocly-config.ts", "scripts/build/generate.ts", "scripts/build/client-source.ts", "scripts/build/msw-source.ts", "scripts/openapi/openapi.ts", "scripts/build/dereference.ts", "scripts/build/openapi30.ts", "scripts/openapi/schema-walk.ts"];

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

/** The hash of everything that shapes generated/<api>/. */
function inputHash(api: ApiEntry, shared: { files: string[]; extra: string[] }): string {
  return hashInputs(ROOT, [...specFiles(api), ...shared.files], shared.extra);
}

/** Whether generated/<api>/ holds the build of inputs hashed to `hash`. */
function upToDate(api: ApiEntry, hash: string, manifest: Record<string, string>): boolean {
  const outDir = generatedDir(api);
  return manifest[api.name] === hash && existsSync(join(outDir, "openapi.json")) && existsSync(join(outDir, "client.ts"));
}

/** Whether generated/<api>/ was built from the current sources (the build would skip it). */
export function isBuilt(api: ApiEntry): boolean {
  return upToDate(api, inputHash(api, sharedInputs()), readJson<Record<string, string>>(MANIFEST, {}));
}

export async function runBuild(options: BuildOptions = {}): Promise<BuildReport> {
  const log = options.log ?? (() => {});
  const apis = loadApis();
  const shared = sharedInputs();
  const manifest = readJson<Record<string, string>>(MANIFEST, {});
  const stages: Record<string, number> = {};
  const report: BuildReport = { built: [], skipped: [], docsBuilt: [], written: [], stages };
  const pending = new Map<ApiEntry, { hash: string; files: Map<string, string> }>();
  const failures: string[] = [];

  for (const api of apis) {
    const hash = inputHash(api, shared);
    if (!options.force && upToDate(api, hash, manifest)) {
      report.skipped.push(api.name);
      continue;
    }
    try {
      const { bundleApi } = await import("./bundle.js");
      const { lintStructure } = await import("../lint/redocly-lint.js");
      const { SpecError } = await import("../lint/spec-problems.js");
      const { generateApi } = await import("./generate.js");
      const lintErrors = await timed(stages, "lint", () => lintStructure(api));
      if (lintErrors.length) throw new SpecError(api.name, lintErrors);
      const doc = await timed(stages, "bundle", () => bundleApi(api));
      if (failures.length) continue; // nothing will be written: only look for more spec problems
      const files = await timed(stages, "generate", () => generateApi(api, doc));
      pending.set(api, { hash, files });
    } catch (err) {
      failures.push(err instanceof Error && err.name === "SpecError" ? err.message : `${api.name}: ${(err as Error).stack ?? err}`);
    }
  }
  if (failures.length) {
    throw new Error(`build failed; nothing was written.\n${failures.join("\n")}`);
  }

  // The one runtime every client imports (generated/runtime/), a copy of scripts/templates/runtime/.
  const runtime = pending.size > 0 || !existsSync(RUNTIME) ? (await import("./generate.js")).generateRuntime() : undefined;

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
      writeFolder(generatedDir(api), files);
      manifest[api.name] = hash;
      report.built.push(api.name);
    }
    const ordered = Object.fromEntries(apis.map((a) => [a.name, manifest[a.name]]));
    if (writeAtomic(MANIFEST, `${JSON.stringify(ordered, null, 2)}\n`)) report.written.push(relative(ROOT, MANIFEST));
  });
  log(`generated/: built ${report.built.join(", ") || "nothing"}; unchanged ${report.skipped.join(", ") || "none"}`);

  if (options.docs !== false) {
    const { buildDocs } = await import("../docs/docs-site.js");
    const docs = await buildDocs(apis, options);
    report.docsBuilt.push(...docs.rendered);
    if (docs.rendered.length) stages.docs = docs.renderMs;
  }
  return report;
}

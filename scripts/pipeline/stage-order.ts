// The orchestrator: the pipeline's stages, in order, and what each hands the next.
//
//   lint-structure  specs/<api>/ → problems      (scripts/lint/redocly-lint.ts lintStructure: valid
//                                                 OpenAPI, every $ref resolves; the full rule set
//                                                 is `npm run lint`'s)
//   bundle          specs/<api>/ → one document  (bundle.ts; one per source, the versions derived
//                                                 from it: Healthchecks v1, v2, v3)
//   generate        document → generated/<api>/  (generate.ts: the 3.1 forms on this thread, the
//                                                 types, client and MSW handlers on a second one,
//                                                 generate-thread.ts, the 3.0 forms on whichever is
//                                                 free) and generated/runtime/
//   docs            generated/<api>/ → generated/docs/ (scripts/docs/docs-site.ts buildDocs reads
//                                                 only what the generate stage wrote)
//
// The first three are one transaction: every stale API is linted, bundled and generated in memory,
// and generated/ is written only when all succeeded (a failed build writes nothing). An API is
// skipped when the hash of its inputs matches generated/manifest.json (input-hashes.ts). The docs
// stage runs after generated/ is written, from the files, with its own options.
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { ROOT, loadApis, type ApiEntry } from "../registry/apis.js";
import { listFiles, writeAtomic } from "../registry/files.js";
import { generatedDir, MANIFEST, RUNTIME } from "../registry/generated-paths.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import type { DocsOptions } from "../docs/docs-site.js";
import { InputHasher, readManifest, upToDate } from "../generate/input-hashes.js";
// The stages' modules load Redocly, openapi-typescript (and TypeScript) and Redoc: seconds of
// start-up. They are imported only when a stage has work (never by a build that skips every API).

export interface PipelineOptions {
  /** Rebuild every API, changed or not. */
  force?: boolean;
  /** The docs stage's options, or false to stop after generated/<api>/ (mocks, proxy, release). */
  docs?: DocsOptions | false;
  log?: (line: string) => void;
}

export interface PipelineReport {
  built: string[];
  skipped: string[];
  docsBuilt: string[];
  written: string[];
  /** Milliseconds per stage, summed over APIs (lint is lint-structure; write is generated/'s). */
  stages: Record<string, number>;
}

async function timed<T>(stages: Record<string, number>, stage: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    stages[stage] = (stages[stage] ?? 0) + (performance.now() - start);
  }
}

/** A failure as one report line: a spec problem as its file:line lines, anything else with its stack. */
function failureLine(api: ApiEntry, err: unknown): string {
  return err instanceof Error && err.name === "SpecError" ? err.message : `${api.name}: ${(err as Error).stack ?? err}`;
}

/** Every stale API through lint-structure, bundle and generate, in memory: generated/<api>/'s files per API.
 * Two threads: this one lints and bundles, then makes the documents' 3.1 forms; the other makes the
 * code (see generate-thread.ts). The 3.0 forms go to whichever is free first. */
async function buildInMemory(
  stale: ApiEntry[],
  stages: Record<string, number>,
): Promise<Map<ApiEntry, Map<string, string>>> {
  // Started first: the thread loads its tools while this one loads Redocly.
  const thread = new (await import("../generate/generate-thread.js")).GenerateThread();
  try {
    // Redocly's CommonJS files through Node's own loader, before the modules below import it: as
    // an ES module import, each of its files would pass through tsx's hooks.
    createRequire(import.meta.url)("@redocly/openapi-core");
    const { lintStructure } = await import("../lint/redocly-lint.js");
    const { SpecError } = await import("../lint/spec-problems.js");
    const { bundleSource, documentOf, sourceResolver } = await import("../generate/bundle.js");
    const { documentForms, openapi30Forms, stableDocument } = await import("../generate/generate.js");
    const failures: string[] = [];
    const parts = new Map<ApiEntry, Promise<Map<string, string>>[]>();
    const add = (api: ApiEntry, part: Promise<{ files: Map<string, string>; ms: number }>) => {
      const files = part.then(({ files, ms }) => {
        stages.generate = (stages.generate ?? 0) + ms;
        return files;
      });
      files.catch(() => {}); // reported below, with the API's name
      parts.set(api, [...(parts.get(api) ?? []), files]);
    };
    const onThisThread = async (part: () => Map<string, string>) => {
      const start = performance.now();
      return { files: part(), ms: performance.now() - start };
    };
    // 3.0 forms not started yet: the other thread takes the next whenever it runs out of work.
    const open30: [ApiEntry, OpenApiDocument][] = [];
    const feedThread = () => {
      if (thread.busy || open30.length === 0) return;
      const [api, doc] = open30.shift()!;
      const part = thread.generate("openapi30", api, doc);
      part.then(feedThread, () => {});
      add(api, part);
    };

    const documents: [ApiEntry, OpenApiDocument][] = [];
    // One source may hold several APIs (versions): linted and bundled once.
    const bySource = new Map<string, ApiEntry[]>();
    for (const api of stale) bySource.set(api.root, [...(bySource.get(api.root) ?? []), api]);
    for (const apis of bySource.values()) {
      const first = apis[0]!;
      let source: OpenApiDocument;
      try {
        const resolver = await sourceResolver();
        const problems = await timed(stages, "lint", () => lintStructure(first, resolver));
        if (problems.length) throw new SpecError(first.name, problems);
        source = await timed(stages, "bundle", () => bundleSource(first, { resolver }));
      } catch (err) {
        failures.push(failureLine(first, err));
        continue;
      }
      for (const api of apis) {
        try {
          const doc = stableDocument(documentOf(api, source));
          if (failures.length) continue; // nothing will be written: only look for more spec problems
          const code = thread.generate("code", api, doc);
          code.then(feedThread, () => {});
          add(api, code);
          documents.push([api, doc]);
          open30.push([api, doc]);
        } catch (err) {
          failures.push(failureLine(api, err));
        }
      }
    }
    // Every source bundled: this thread's own part, then the 3.0 forms the other has not taken.
    for (const [api, doc] of documents) {
      if (failures.length) break;
      add(
        api,
        onThisThread(() => documentForms(api, doc)),
      );
      await new Promise(setImmediate); // lets a finished job of the other thread take the next
    }
    while (open30.length && !failures.length) {
      const [api, doc] = open30.pop()!;
      add(
        api,
        onThisThread(() => openapi30Forms(doc)),
      );
      await new Promise(setImmediate);
    }
    const out = new Map<ApiEntry, Map<string, string>>();
    for (const [api, files] of parts) {
      try {
        out.set(api, new Map((await Promise.all(files)).flatMap((f) => [...f])));
      } catch (err) {
        failures.push(failureLine(api, err));
      }
    }
    if (failures.length) throw new Error(`build failed; nothing was written.\n${failures.join("\n")}`);
    // In registry order, whatever order the parts finished in.
    return new Map(stale.map((api) => [api, out.get(api)!]));
  } finally {
    await thread.close();
  }
}

/** Makes `outDir` hold exactly `files`; returns what it changed, relative to ROOT. */
function writeFolder(outDir: string, files: Map<string, string>): string[] {
  const written: string[] = [];
  for (const [file, content] of files) {
    if (writeAtomic(join(outDir, file), content)) written.push(relative(ROOT, join(outDir, file)));
  }
  for (const stale of listFiles(outDir).filter((f) => !files.has(f))) {
    rmSync(join(outDir, stale));
    written.push(`${relative(ROOT, join(outDir, stale))} (removed)`);
  }
  return written;
}

/** The pipeline, in its order: lint-structure → bundle → generate for every stale API, then
 * generated/ written; then docs, from generated/. */
export async function runPipeline(options: PipelineOptions = {}): Promise<PipelineReport> {
  const log = options.log ?? (() => {});
  const apis = loadApis();
  const hasher = new InputHasher();
  const manifest = readManifest();
  const stages: Record<string, number> = {};
  const report: PipelineReport = { built: [], skipped: [], docsBuilt: [], written: [], stages };
  const hashes = new Map(apis.map((api) => [api, hasher.hash(api)]));
  const stale = apis.filter((api) => options.force || !upToDate(api, hashes.get(api)!, manifest));
  report.skipped.push(...apis.filter((api) => !stale.includes(api)).map((api) => api.name));

  const built = stale.length ? await buildInMemory(stale, stages) : new Map<ApiEntry, Map<string, string>>();
  // The one runtime every client imports (generated/runtime/), a copy of scripts/templates/runtime/.
  const runtime =
    built.size > 0 || !existsSync(RUNTIME) ? (await import("../generate/generate.js")).generateRuntime() : undefined;

  await timed(stages, "write", async () => {
    if (runtime) report.written.push(...writeFolder(RUNTIME, runtime));
    for (const [api, files] of built) {
      report.written.push(...writeFolder(generatedDir(api), files));
      manifest[api.name] = hashes.get(api)!;
      report.built.push(api.name);
    }
    const ordered = Object.fromEntries(apis.map((a) => [a.name, manifest[a.name]]));
    if (writeAtomic(MANIFEST, `${JSON.stringify(ordered, null, 2)}\n`)) report.written.push(relative(ROOT, MANIFEST));
  });
  hasher.save();
  log(`generated/: built ${report.built.join(", ") || "nothing"}; unchanged ${report.skipped.join(", ") || "none"}`);

  if (options.docs !== false) {
    // Reads generated/<api>/ as written above; nothing is handed over in memory.
    const { buildDocs } = await import("../docs/docs-site.js");
    const docs = await buildDocs(apis, options.docs ?? {});
    report.docsBuilt.push(...docs.rendered);
    if (docs.rendered.length) stages.docs = docs.renderMs;
  }
  return report;
}

// Spectral in-process: loads .spectral.yaml (every Spectral setting; sources and bundles alike)
// once and lints any number of documents with it.
import * as fs from "node:fs";
import { relative, resolve } from "node:path";
import { resolveFile } from "@stoplight/json-ref-readers";
import spectralCore from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import spectralRuntime from "@stoplight/spectral-runtime";
import { ROOT } from "../registry/apis.js";

const { Spectral, Document } = spectralCore;
const SEVERITY = ["error", "warning", "info", "hint"] as const;

export interface SpectralFinding {
  file: string;
  line: number;
  column: number;
  severity: (typeof SEVERITY)[number];
  rule: string;
  message: string;
  path: string;
}

// Spectral's default resolver memoises one runner per file and appends every referrer to that
// runner's URI stack; a file referenced ~100 times (RunCloud's shared error responses) hits
// "Max uri depth (100)" and its own $refs stay unresolved, giving false findings. A resolver
// without that cache resolves each reference afresh. Only local files: specs never load URLs.
const noCache = { get: () => undefined, set: () => {}, has: () => false, purge: () => {}, stats: { hits: 0, misses: 0 } };
const fileResolver = new Resolver({ resolvers: { file: { resolve: resolveFile } }, uriCache: noCache as any });

/** Spectral with a loaded ruleset, in this thread (createSpectral) or in a worker (spectral-worker.ts). */
export interface SpectralLinter {
  /** Lints one file (its $refs resolved); findings sorted by file and position. */
  lintFile(file: string): Promise<SpectralFinding[]>;
  /** Lints a document given as text; `file` names it in findings and anchors relative $refs. */
  lintText(text: string, file: string): Promise<SpectralFinding[]>;
}

export const SPECTRAL_RULESET = resolve(ROOT, ".spectral.yaml");

/** `ruleset`: another ruleset file (tests lint the 3.0 variant with Spectral's own oas ruleset alone). */
export async function createSpectral(ruleset = SPECTRAL_RULESET): Promise<SpectralLinter> {
  const spectral = new Spectral({ resolver: fileResolver });
  spectral.setRuleset(await bundleAndLoadRuleset(ruleset, { fs, fetch: spectralRuntime.fetch }));
  const linter: SpectralLinter = {
    lintFile: (file) => linter.lintText(fs.readFileSync(file, "utf8"), file),
    async lintText(text, file) {
      const results = await spectral.run(new Document(text, Parsers.Yaml, file));
      return results
        .map((r) => ({
          file: relative(ROOT, r.source ?? file),
          line: r.range.start.line + 1,
          column: r.range.start.character + 1,
          severity: SEVERITY[r.severity] ?? "error",
          rule: String(r.code),
          message: r.message,
          path: r.path.join("."),
        }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    },
  };
  return linter;
}

export function formatFinding(f: SpectralFinding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} [${f.rule}] ${f.message}${f.path ? ` (at ${f.path})` : ""}`;
}

// What Spectral's callers share without loading Spectral (half a second of CPU): the ruleset's path,
// a finding's shape and its one-line form, and the linter's interface. Spectral itself loads in
// spectral.ts, in the thread that lints (spectral-worker.ts).
import { resolve } from "node:path";
import { ROOT } from "../registry/apis.js";

export const SEVERITY = ["error", "warning", "info", "hint"] as const;

export interface SpectralFinding {
  file: string;
  line: number;
  column: number;
  severity: (typeof SEVERITY)[number];
  rule: string;
  message: string;
  path: string;
}

/** Spectral with a loaded ruleset, in this thread (createSpectral) or in a worker (spectral-worker.ts). */
export interface SpectralLinter {
  /** Lints one file (its $refs resolved); findings sorted by file and position. */
  lintFile(file: string): Promise<SpectralFinding[]>;
  /** Lints a document given as text; `file` names it in findings and anchors relative $refs. */
  lintText(text: string, file: string): Promise<SpectralFinding[]>;
}

export const SPECTRAL_RULESET = resolve(ROOT, ".spectral.yaml");

export function formatFinding(f: SpectralFinding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} [${f.rule}] ${f.message}${f.path ? ` (at ${f.path})` : ""}`;
}

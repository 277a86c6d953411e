// One API's sources through every lint rule, as `npm run lint` and `npm run dev` run them: the YAML
// parse check first (alone when it fails), then Spectral and Redocly, at the same time when
// Spectral runs in a worker (spectral-worker.ts).
import type { ApiEntry } from "../registry/apis.js";
import { formatFinding, type SpectralLinter } from "./spectral-types.js";
import { yamlParseProblems } from "./yaml-parse.js";

export interface SourceFindings {
  /** `spectral …`, `redocly  …` or `yaml-parse …` lines, parse errors first. */
  findings: string[];
  /** True when a file did not parse: the other rules were held back. */
  unparsed: boolean;
}

export async function lintSources(api: ApiEntry, spectral: SpectralLinter): Promise<SourceFindings> {
  const unparsed = yamlParseProblems(api);
  if (unparsed.length) return { findings: unparsed.map((p) => `yaml     ${p}`), unparsed: true };
  // Redocly loads (0.7 CPU-s) only for sources that parse: a broken file is reported at once.
  const { lintApi } = await import("./redocly-lint.js");
  const [spectralFindings, redoclyFindings] = await Promise.all([spectral.lintFile(api.root), lintApi(api)]);
  return {
    findings: [
      ...spectralFindings.map((f) => `spectral ${formatFinding(f)}`),
      ...redoclyFindings.map((f) => `redocly  ${f}`),
    ],
    unparsed: false,
  };
}

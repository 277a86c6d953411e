// One API's sources through every lint rule, as `npm run lint` and `npm run dev` run them: the YAML
// parse check first (alone when it fails), then Spectral and Redocly.
import { lintApi } from "./redocly-lint.js";
import { formatFinding, type createSpectral } from "./spectral.js";
import { yamlParseProblems } from "./yaml-parse.js";

export interface SourceFindings {
  /** `spectral …`, `redocly  …` or `yaml-parse …` lines, parse errors first. */
  findings: string[];
  /** True when a file did not parse: the other rules were held back. */
  unparsed: boolean;
}

export async function lintSources(api: Parameters<typeof lintApi>[0], spectral: Awaited<ReturnType<typeof createSpectral>>): Promise<SourceFindings> {
  const unparsed = yamlParseProblems(api);
  if (unparsed.length) return { findings: unparsed.map((p) => `yaml     ${p}`), unparsed: true };
  const spectralFindings = (await spectral.lintFile(api.root)).map(formatFinding);
  const redoclyFindings = await lintApi(api);
  return { findings: [...spectralFindings.map((f) => `spectral ${f}`), ...redoclyFindings.map((f) => `redocly  ${f}`)], unparsed: false };
}

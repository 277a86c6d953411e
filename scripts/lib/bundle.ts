// Lints and bundles one API in-process with @redocly/openapi-core (no CLI start per API).
// Problems come back as readable lines that name the file, the line:column and the rule.
import { relative } from "node:path";
import { bundle, createConfig, getLineColLocation, lint, loadConfig, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { CONFIG_PATH, ROOT, type ApiEntry } from "./apis.js";

export type OpenApiDocument = Record<string, any>;

let configPromise: Promise<Config> | undefined;
export function redoclyConfig(): Promise<Config> {
  configPromise ??= loadConfig({ configPath: CONFIG_PATH });
  return configPromise;
}

/** `specs/x/paths/a.yaml:12:5 error [rule] message` for one problem. */
export function formatProblem(problem: NormalizedProblem): string {
  const loc = problem.location[0];
  let where = "(unknown location)";
  if (loc) {
    const file = relative(ROOT, loc.source.absoluteRef);
    try {
      const { start } = getLineColLocation(loc);
      where = `${file}:${start.line}:${start.col} ${loc.pointer ?? ""}`.trim();
    } catch {
      where = `${file} ${loc.pointer ?? ""}`.trim();
    }
  }
  return `${where} ${problem.severity} [${problem.ruleId}] ${problem.message}`;
}

export class SpecError extends Error {
  override readonly name = "SpecError";
  constructor(public readonly api: string, public readonly problems: string[]) {
    super(`${api}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  }
}

/** Redocly lint of one API with the rules in redocly.yaml; returns formatted problems (ignoring none). */
export async function lintApi(api: ApiEntry): Promise<string[]> {
  const config = (await redoclyConfig()).forAlias(api.name);
  const problems = await lint({ ref: api.root, config });
  return problems.filter((p) => !p.ignored).map(formatProblem);
}

let structureConfig: Promise<Config> | undefined;

/** The build's gate: the rules under `x-build-gate` in redocly.yaml (structure only), as errors. */
export async function lintStructure(api: ApiEntry): Promise<string[]> {
  structureConfig ??= redoclyConfig().then((config) => {
    const rules = (config.resolvedConfig as Record<string, unknown>)["x-build-gate"];
    if (!rules || typeof rules !== "object") throw new Error(`${CONFIG_PATH}: x-build-gate must map the build's rules to severities`);
    return createConfig({ rules } as Parameters<typeof createConfig>[0]);
  });
  const problems = await lint({ ref: api.root, config: await structureConfig });
  return problems.filter((p) => !p.ignored && p.severity === "error").map(formatProblem);
}

/**
 * Bundles one API into a single document. Throws SpecError when the spec cannot be bundled
 * (dangling $ref, invalid YAML, ...). `dereference` inlines every $ref (for tests that walk the spec).
 */
export async function bundleApi(api: ApiEntry, options: { dereference?: boolean } = {}): Promise<OpenApiDocument> {
  const config = (await redoclyConfig()).forAlias(api.name);
  let result;
  try {
    result = await bundle({ ref: api.root, config, dereference: options.dereference ?? false });
  } catch (err) {
    throw new SpecError(api.name, [`${relative(ROOT, api.root)}: ${(err as Error).message}`]);
  }
  const errors = result.problems.filter((p) => p.severity === "error" && !p.ignored);
  if (errors.length > 0) throw new SpecError(api.name, errors.map(formatProblem));
  return result.bundle.parsed as OpenApiDocument;
}

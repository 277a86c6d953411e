// Redocly lint of one API's sources, in-process with @redocly/openapi-core (no CLI start per API).
import { createConfig, lint, type BaseResolver, type Config } from "@redocly/openapi-core";
import { CONFIG_PATH, type ApiEntry } from "../registry/apis.js";
import { redoclyConfig } from "../registry/redocly-config.js";
import { formatProblem } from "./spec-problems.js";
import { yamlParseProblems } from "./yaml-parse.js";

/** Redocly lint of one API with the rules in redocly.yaml; returns formatted problems (ignoring none). */
export async function lintApi(api: ApiEntry): Promise<string[]> {
  const config = (await redoclyConfig()).forAlias(api.name);
  const problems = await lint({ ref: api.root, config });
  return problems.filter((p) => !p.ignored).map(formatProblem);
}

let structureConfig: Promise<Config> | undefined;

/**
 * The build's gate: the rules under `x-build-gate` in redocly.yaml (structure only: the document
 * is valid OpenAPI, every $ref resolves), as errors. A third of the cost of the full rule set,
 * whose example checks and style rules belong to `npm run lint`. `resolver` (optional) keeps the
 * files it parses, for the bundle stage to reuse (scripts/pipeline/stage-order.ts).
 */
export async function lintStructure(api: ApiEntry, resolver?: BaseResolver): Promise<string[]> {
  structureConfig ??= redoclyConfig().then((config) => {
    const rules = (config.resolvedConfig as Record<string, unknown>)["x-build-gate"];
    if (!rules || typeof rules !== "object")
      throw new Error(`${CONFIG_PATH}: x-build-gate must map the build's rules to severities`);
    return createConfig({ rules } as Parameters<typeof createConfig>[0]);
  });
  // A file that is not YAML, alone: Redocly reports it a line late, as no-unresolved-refs (or
  // throws, for the root). Parsed again only then: every file Redocly read parsed when it reports nothing.
  let errors: string[];
  try {
    const problems = await lint({
      ref: api.root,
      config: await structureConfig,
      ...(resolver ? { externalRefResolver: resolver } : {}),
    });
    errors = problems.filter((p) => !p.ignored && p.severity === "error").map(formatProblem);
  } catch (err) {
    const unparsed = yamlParseProblems(api);
    if (unparsed.length) return unparsed;
    throw err;
  }
  const unparsed = errors.length ? yamlParseProblems(api) : [];
  return unparsed.length ? unparsed : errors;
}

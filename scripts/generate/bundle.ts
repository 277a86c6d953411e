// Bundles one API's sources into a single document, in-process with @redocly/openapi-core.
import { relative } from "node:path";
import { BaseResolver, bundle } from "@redocly/openapi-core";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { redoclyConfig } from "../registry/redocly-config.js";
import { formatProblem, SpecError } from "../lint/spec-problems.js";
import { deriveApiVersion, versionHistory } from "./api-versions.js";

/**
 * Bundles one API into a single document. Throws SpecError when the spec cannot be bundled
 * (dangling $ref, invalid YAML, ...). `dereference` inlines every $ref (for tests that walk the spec).
 */
export async function bundleApi(api: ApiEntry, options: { dereference?: boolean } = {}): Promise<OpenApiDocument> {
  return documentOf(api, await bundleSource(api, options));
}

/**
 * This entry's document from its bundled source (see bundleSource): for a source of several
 * versions, this entry's version (every marker removed, also from the source's own version); a
 * marked source needs `x-api-version` in the registry. The source is not modified, so the
 * entries sharing one source (Healthchecks v1, v2, v3) are derived from one bundle.
 */
export function documentOf(api: ApiEntry, source: OpenApiDocument): OpenApiDocument {
  try {
    const history = versionHistory(source);
    if (!history && api.apiVersion)
      throw new Error(`x-api-version ${api.apiVersion} is set but the source has no x-api-version-history`);
    if (history && !api.apiVersion)
      throw new Error(
        `the source describes several versions (x-api-version-history); set x-api-version in the registry`,
      );
    return history ? deriveApiVersion(source, api.apiVersion!) : source;
  } catch (err) {
    throw new SpecError(api.name, [`${relative(ROOT, api.root)}: ${(err as Error).message}`]);
  }
}

/** A reader of an API's source files that keeps what it parsed: one per source, shared by the
 * lint-structure and bundle stages, so each file is read and parsed once. */
export async function sourceResolver(): Promise<BaseResolver> {
  return new BaseResolver((await redoclyConfig()).resolve);
}

/** The bundled source as written, version markers and all (see api-versions.ts). */
export async function bundleSource(
  api: ApiEntry,
  options: { dereference?: boolean; resolver?: BaseResolver } = {},
): Promise<OpenApiDocument> {
  const config = (await redoclyConfig()).forAlias(api.name);
  let result;
  try {
    const resolver = options.resolver ? { externalRefResolver: options.resolver } : {};
    result = await bundle({ ref: api.root, config, dereference: options.dereference ?? false, ...resolver });
  } catch (err) {
    throw new SpecError(api.name, [`${relative(ROOT, api.root)}: ${(err as Error).message}`]);
  }
  const errors = result.problems.filter((p) => p.severity === "error" && !p.ignored);
  if (errors.length > 0) throw new SpecError(api.name, errors.map(formatProblem));
  return result.bundle.parsed as OpenApiDocument;
}

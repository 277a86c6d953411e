// One source, several API versions (Healthchecks serves its Management API under /api/v1/,
// /api/v2/ and /api/v3/ from one set of views). The source marks what differs and the bundle
// stage derives one document per version from the one bundle, so the versions cannot drift:
//
// - `x-api-versions: [v1, ...]` on any object (operation, property schema, parameter, example,
//   response...): the node exists only in the versions listed; elsewhere it is removed (with its
//   name in a sibling `required` list).
// - `x-enum-api-versions: {value: [v1]}` on a schema: enum values that exist only in those versions.
// - `x-api-version-overrides: {v3: {description: ...}}` on any object: keys replaced (shallowly)
//   in that version; the source's own keys are the source version's.
// - `x-api-version-history` at the root: `{source: v1, versions: {v2: {since, source}}}`, the
//   version the source's paths are written for and, per derived version, the release that added
//   it and where that is stated (every operation of a derived version gets that `x-since`, the
//   source appended to its `x-source`, and `x-confidence: medium`, as no such server runs here).
//
// Every marker is removed from every version's document, the source version's included (which
// goes through the same filter, so a node marked for v3 only never reaches v1). In a derived
// version, `/api/<source>/` becomes `/api/<version>/` in path keys, examples and descriptions
// (the servers' answers carry their own version's URLs), but not in `x-source` quotations nor
// in overrides (written for their version).
import { HTTP_METHODS } from "../openapi/openapi.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";

export const VERSIONS = "x-api-versions";
export const ENUM_VERSIONS = "x-enum-api-versions";
export const OVERRIDES = "x-api-version-overrides";
export const HISTORY = "x-api-version-history";

interface History {
  source: string;
  versions: Record<string, { since: string; source: string }>;
}

const METHODS = new Set<string>(HTTP_METHODS);
const VERSION_NAME = /^v\d+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The version names a marker lists; a clear error for anything else. */
function listed(marker: unknown, where: string): string[] {
  if (
    !Array.isArray(marker) ||
    marker.length === 0 ||
    !marker.every((v) => typeof v === "string" && VERSION_NAME.test(v))
  ) {
    throw new Error(`${where}: ${VERSIONS} must list versions such as [v1, v3], got ${JSON.stringify(marker)}`);
  }
  return marker as string[];
}

function keptIn(node: unknown, version: string, where: string): boolean {
  return !isObject(node) || !(VERSIONS in node) || listed(node[VERSIONS], where).includes(version);
}

/** The versions a document's source describes (its `x-api-version-history`), or undefined. */
export function versionHistory(doc: OpenApiDocument): History | undefined {
  const history: unknown = doc[HISTORY]; // checked below: the source is hand-written
  if (history === undefined) return undefined;
  if (!isObject(history) || typeof history.source !== "string" || !isObject(history.versions)) {
    throw new Error(`${HISTORY} must be {source: vN, versions: {vM: {since, source}}}`);
  }
  return history as unknown as History;
}

/** The document for `version`, derived from one bundled source (not modified). */
export function deriveApiVersion(source: OpenApiDocument, version: string): OpenApiDocument {
  const history = versionHistory(source);
  if (!history) throw new Error(`the document has no ${HISTORY}; it describes one version only, not ${version}`);
  const known = [history.source, ...Object.keys(history.versions)];
  if (!known.includes(version))
    throw new Error(`unknown API version "${version}"; the source describes ${known.join(", ")}`);
  const derived = version !== history.source;
  const from = `/api/${history.source}/`;
  const to = `/api/${version}/`;

  const walk = (node: unknown, where: string, inSource: boolean): unknown => {
    if (Array.isArray(node)) {
      return node
        .filter((item, i) => keptIn(item, version, `${where}/${i}`))
        .map((item, i) => walk(item, `${where}/${i}`, inSource));
    }
    if (typeof node === "string") return derived && !inSource ? node.split(from).join(to) : node;
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === VERSIONS || key === ENUM_VERSIONS || key === OVERRIDES || key === HISTORY) continue;
      if (!keptIn(value, version, `${where}/${key}`)) continue;
      const name = derived && where === "#/paths" ? key.split(from).join(to) : key;
      out[name] = walk(value, `${where}/${key}`, inSource || key === "x-source");
    }
    const overrides = node[OVERRIDES];
    if (overrides !== undefined) {
      if (!isObject(overrides) || !Object.keys(overrides).every((v) => known.includes(v))) {
        throw new Error(`${where}: ${OVERRIDES} must map versions (${known.join(", ")}) to objects`);
      }
      const mine = overrides[version];
      // Written for this version already: its `/api/v1/` means v1.
      if (isObject(mine))
        for (const [key, value] of Object.entries(mine))
          out[key] = walk(value, `${where}/${OVERRIDES}/${version}/${key}`, true);
    }
    const enumVersions = node[ENUM_VERSIONS];
    if (enumVersions !== undefined) {
      if (!isObject(enumVersions) || !Array.isArray(out.enum))
        throw new Error(`${where}: ${ENUM_VERSIONS} needs an enum and must map its values to versions`);
      out.enum = (out.enum as unknown[]).filter(
        (v) =>
          !(String(v) in enumVersions) ||
          listed(enumVersions[String(v)], `${where}/${ENUM_VERSIONS}`).includes(version),
      );
    }
    // A property for other versions only: no longer required either.
    if (isObject(node.properties) && isObject(out.properties) && Array.isArray(out.required)) {
      const gone = Object.keys(node.properties).filter((k) => !(k in (out.properties as object)));
      if (gone.length) out.required = (out.required as unknown[]).filter((r) => !gone.includes(String(r)));
    }
    return out;
  };

  const doc = walk(source, "#", false) as OpenApiDocument;
  if (derived) {
    const { since, source: cited } = history.versions[version]!;
    for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method) || !isObject(op)) continue;
        op["x-since"] = since;
        op["x-confidence"] = "medium";
        op["x-source"] = [...((op["x-source"] as string[] | undefined) ?? []), cited];
      }
    }
  }
  return doc;
}

// Healthchecks Management API v1, v2 and v3: three documents derived from one source
// (specs/healthchecks; scripts/generate/api-versions.ts). They must differ only where the source
// marks a difference (plus each version's path prefix and per-version operation metadata), and
// the facts that differ (v4.3's code and docs) must be machine-readable in them.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { setInfoVersion } from "../../../scripts/release/release.js";
import { loadSpec, type SpecJson } from "../../support/spec.js";
import { getApi } from "../../../scripts/registry/apis.js";
import { bundleSource } from "../../../scripts/generate/bundle.js";
import { stableDocument } from "../../../scripts/generate/generate.js";
import {
  deriveApiVersion,
  ENUM_VERSIONS,
  HISTORY,
  OVERRIDES,
  VERSIONS,
} from "../../../scripts/generate/api-versions.js";

const NAMES = { v1: "healthchecks", v2: "healthchecks-v2", v3: "healthchecks-v3" } as const;
const docs = {
  v1: await loadSpec(NAMES.v1, { dereference: false }),
  v2: await loadSpec(NAMES.v2, { dereference: false }),
  v3: await loadSpec(NAMES.v3, { dereference: false }),
};
const METHODS = ["get", "put", "post", "delete", "patch"];

/** Every JSON pointer at which `a` and `b` differ (a leaf, or a key present in one only). */
function differences(a: unknown, b: unknown, at = ""): string[] {
  if (
    typeof a !== "object" ||
    a === null ||
    typeof b !== "object" ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    differences((a as any)[k], (b as any)[k], `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`),
  );
}

/** The v1 document read as version `v`: its path prefix and URLs moved, as the derivation does. */
function movedTo(version: string): unknown {
  return JSON.parse(
    JSON.stringify(docs.v1, (key, value) =>
      key === "x-source" ? value : typeof value === "string" ? value.split("/api/v1/").join(`/api/${version}/`) : value,
    )
      .split('"/api/v1/')
      .join(`"/api/${version}/`),
  );
}

function operations(doc: Record<string, any>): Array<{ path: string; method: string; op: Record<string, any> }> {
  return Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
}

describe("Healthchecks Management API v1, v2, v3 from one source", () => {
  it("each document is the one source bundled and derived for its version (so they cannot drift)", async () => {
    const source = await bundleSource(getApi("healthchecks"));
    for (const v of ["v1", "v2", "v3"] as const) {
      expect(JSON.stringify(stableDocument(deriveApiVersion(source, v))), v).toBe(JSON.stringify(docs[v]));
    }
  });

  it("no version marker reaches any document", () => {
    for (const doc of Object.values(docs)) {
      const text = JSON.stringify(doc);
      for (const marker of [VERSIONS, ENUM_VERSIONS, OVERRIDES, HISTORY]) expect(text).not.toContain(`"${marker}"`);
    }
  });

  it("v2 and v3 differ from v1 only in info, the operations' version metadata and the marked nodes", () => {
    const allowed = [
      /^\/info\/(title|version|x-upstream-version|summary|description)$/,
      /^\/paths\/[^/]+\/(get|put|post|delete|patch)\/(x-since|x-confidence|x-source)$/,
      /^\/components\/schemas\/CheckStatus\/(enum|description)$/,
      /^\/components\/schemas\/CheckFields\/properties\/started\/description$/,
      /^\/components\/schemas\/Check(Create|Update)\/properties\/slug$/,
      /^\/components\/schemas\/Check(Create|Update)\/properties\/slug\/description$/,
      /^\/components\/schemas\/CheckCreate\/properties\/unique\/items\/enum$/,
    ];
    for (const v of ["v2", "v3"] as const) {
      const unexplained = differences(movedTo(v), docs[v]).filter((p) => !allowed.some((re) => re.test(p)));
      expect(unexplained, v).toEqual([]);
    }
  });

  it("the same 13 operations, operationIds and methods in every version, under the version's prefix", () => {
    const shape = (v: "v1" | "v2" | "v3") =>
      operations(docs[v]).map(
        ({ path, method, op }) => `${method} ${path.replace(`/api/${v}/`, "/api/{v}/")} ${op.operationId}`,
      );
    expect(shape("v1")).toHaveLength(13);
    expect(shape("v2")).toEqual(shape("v1"));
    expect(shape("v3")).toEqual(shape("v1"));
    expect(Object.keys(docs.v3.paths).every((p) => p.startsWith("/api/v3/"))).toBe(true);
    expect(Object.keys(docs.v2.paths).every((p) => p.startsWith("/api/v2/"))).toBe(true);
  });

  it("every v2/v3 operation says since when, from where, and that it is read from code", () => {
    for (const [v, since] of [
      ["v2", "2.6"],
      ["v3", "2.10"],
    ] as const) {
      for (const { op } of operations(docs[v])) {
        expect(op["x-since"], `${v} ${op.operationId}`).toBe(since);
        expect(op["x-confidence"]).toBe("medium");
        expect(op["x-source"].at(-1)).toMatch(
          new RegExp(`CHANGELOG.md#v${since.replace(".", "\\.")} - Add /api/${v}/`),
        );
      }
    }
  });

  it("status `started` is v1's only; v2 and v3 have the boolean `started` field", () => {
    const status = (v: "v1" | "v2" | "v3") => docs[v].components.schemas.CheckStatus.enum;
    expect(status("v1")).toContain("started");
    expect(status("v2")).not.toContain("started");
    expect(status("v3")).not.toContain("started");
    for (const v of ["v1", "v2", "v3"] as const)
      expect(docs[v].components.schemas.CheckFields.properties.started.type).toBe("boolean");
  });

  it("an explicit slug is v3's (kept in v1, which offered it before; not in v2)", () => {
    for (const schema of ["CheckCreate", "CheckUpdate"]) {
      expect(docs.v3.components.schemas[schema].properties.slug, schema).toBeDefined();
      expect(docs.v2.components.schemas[schema].properties.slug, schema).toBeUndefined();
      expect(docs.v1.components.schemas[schema].properties.slug, schema).toBeDefined();
    }
    const unique = (v: "v1" | "v2" | "v3") => docs[v].components.schemas.CheckCreate.properties.unique.items.enum;
    expect(unique("v3")).toContain("slug");
    expect(unique("v2")).not.toContain("slug");
    expect(unique("v1")).not.toContain("slug");
  });

  it("answers' URLs carry the version's prefix in the examples", () => {
    const text = JSON.stringify(docs.v3.components.examples);
    expect(text).toContain("https://healthchecks.io/api/v3/checks/");
    expect(text).not.toContain("/api/v1/");
  });
});

describe("deriveApiVersion", () => {
  const source: SpecJson = {
    openapi: "3.1.0",
    [HISTORY]: { source: "v1", versions: { v3: { since: "2.10", source: "inferred" } } },
    info: { title: "T", [OVERRIDES]: { v3: { title: "T3 /api/v1/" } } },
    paths: {
      "/api/v1/x": {
        get: { operationId: "x", "x-source": ["inferred - /api/v1/x"], description: "see /api/v1/x" },
        post: { [VERSIONS]: ["v3"], operationId: "y" },
      },
    },
    components: {
      schemas: {
        S: {
          type: "object",
          required: ["a", "b"],
          properties: { a: { type: "string" }, b: { type: "string", [VERSIONS]: ["v1"] } },
        },
        E: { enum: ["p", "q"], [ENUM_VERSIONS]: { q: ["v3"] } },
      },
    },
  };

  it("filters, overrides and moves the prefix, leaving the source and x-source quotations alone", () => {
    const v1: SpecJson = deriveApiVersion(source, "v1");
    const v3: SpecJson = deriveApiVersion(source, "v3");
    expect(v1.paths["/api/v1/x"].post).toBeUndefined();
    expect(v1.components.schemas.E.enum).toEqual(["p"]);
    expect(v1.info).toEqual({ title: "T" });
    expect(v3.info.title).toBe("T3 /api/v1/");
    expect(v3.paths["/api/v3/x"].post.operationId).toBe("y");
    expect(v3.paths["/api/v3/x"].get.description).toBe("see /api/v3/x");
    expect(v3.paths["/api/v3/x"].get["x-source"]).toEqual(["inferred - /api/v1/x", "inferred"]);
    expect(v3.components.schemas.S).toEqual({ type: "object", required: ["a"], properties: { a: { type: "string" } } });
    expect(source.paths["/api/v1/x"].post[VERSIONS]).toEqual(["v3"]);
  });

  it("refuses an unknown version and a malformed marker", () => {
    expect(() => deriveApiVersion(source, "v2")).toThrow(/unknown API version "v2"; the source describes v1, v3/);
    expect(() => deriveApiVersion({ ...source, paths: { "/api/v1/x": { get: { [VERSIONS]: "v1" } } } }, "v1")).toThrow(
      /x-api-versions must list versions/,
    );
    expect(() => deriveApiVersion({ openapi: "3.1.0" } as SpecJson, "v1")).toThrow(/no x-api-version-history/);
  });
});

describe("releasing a derived version", () => {
  it("sets v3's info.version in its override and leaves v1's and v2's alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "hc-versions-"));
    try {
      const file = join(dir, "openapi.yaml");
      copyFileSync(getApi("healthchecks").root, file);
      const before = parse(readFileSync(file, "utf8"));
      setInfoVersion(file, "1.1.0", "v3");
      const after = parse(readFileSync(file, "utf8"));
      expect(after.info["x-api-version-overrides"].v3.version).toBe("1.1.0");
      expect(after.info.version).toBe(before.info.version);
      expect(after.info["x-api-version-overrides"].v2.version).toBe(before.info["x-api-version-overrides"].v2.version);
      setInfoVersion(file, "2.0.1", "v1");
      expect(parse(readFileSync(file, "utf8")).info.version).toBe("2.0.1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

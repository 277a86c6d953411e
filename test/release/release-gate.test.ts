// The release gate: breaking changes since the last release need a version that says so.
// Planted changes run on in-memory copies of a frozen Healthchecks bundle (its v1.3.0-era
// description, test/fixtures/release/), so they do not move when the spec evolves; the last test
// is the gate itself, on this repository's bundles against its last release tag (or first commit).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/registry/apis.js";
import { compareBundles, type Change } from "../../scripts/release/api-diff.js";
import { collectChanges, type ApiChanges } from "../../scripts/release/changes.js";
import { defaultBase, readAtRef } from "../../scripts/release/release-git.js";
import { gateProblems, marksBreaking, requiredLevel } from "../../scripts/release/versioning.js";

const bundle = JSON.parse(readFileSync(`${ROOT}/test/fixtures/release/healthchecks.openapi.json`, "utf8"));

function plant(edit: (doc: any) => void): Change[] {
  const after = structuredClone(bundle);
  edit(after);
  return compareBundles(bundle, after);
}

const entry = (changes: Change[], baseVersion = "1.0.0", headVersion = "1.0.0"): ApiChanges => ({
  api: "healthchecks",
  title: "Healthchecks",
  baseVersion,
  headVersion,
  changes,
});

const schemas = () => bundle.components.schemas;

describe("planted changes are classified for client authors", () => {
  it("a removed operation is breaking", () => {
    expect(schemas().Channel).toBeDefined();
    const changes = plant((d) => delete d.paths["/api/v1/channels/"].get);
    expect(changes).toContainEqual(
      expect.objectContaining({
        operation: "GET /api/v1/channels/ (listChannels)",
        text: "operation removed",
        severity: "breaking",
      }),
    );
  });

  it("a request field made required is breaking, even when it has a default", () => {
    expect(schemas().CheckCreate.properties.name.default).toBe("");
    const changes = plant((d) => (d.components.schemas.CheckCreate.required = ["name"]));
    expect(changes).toEqual([
      expect.objectContaining({
        operation: "POST /api/v1/checks/ (createCheck)",
        severity: "breaking",
        text: "request body (application/json): field `name` is now required",
      }),
    ]);
  });

  it("a removed response field is breaking in every operation that returns it", () => {
    const changes = plant((d) => {
      const check = d.components.schemas.SimpleCheck;
      delete check.properties.n_pings;
      check.required = check.required.filter((f: string) => f !== "n_pings");
    });
    expect(changes.length).toBeGreaterThanOrEqual(5);
    expect(
      changes.every((c) => c.severity === "breaking" && /field `(checks\[\]\.)?n_pings` removed$/.test(c.text)),
    ).toBe(true);
    expect(changes.map((c) => c.operation)).toContain("GET /api/v1/checks/ (listChecks)");
  });

  it("an enum value added to a response is not breaking (readers tolerate unknown values), with the reason", () => {
    const changes = plant((d) => d.components.schemas.CheckStatus.enum.push("failed"));
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      expect(c).toMatchObject({ severity: "non-breaking", note: expect.stringContaining("tolerate") });
      expect(c.text).toMatch(/value "failed" added to the allowed values of field `(checks\[\]\.)?status`/);
    }
  });

  it("an enum value removed from a request field is breaking", () => {
    const withKind = (values: string[]) => {
      const doc = structuredClone(bundle);
      const create = doc.components.schemas.CheckCreate;
      doc.paths["/api/v1/checks/"].post.requestBody.content["application/json"].schema = {
        ...create,
        properties: { ...create.properties, kind: { type: "string", enum: values } },
      };
      return doc;
    };
    expect(compareBundles(withKind(["simple", "cron"]), withKind(["simple"]))).toEqual([
      expect.objectContaining({
        severity: "breaking",
        text: 'request body (application/json): value "cron" removed from the allowed values of field `kind`',
      }),
    ]);
  });

  it("a type widened is compatible in a request and breaking in a response", () => {
    const request = plant((d) => (d.components.schemas.CheckCreate.properties.timeout.type = "number"));
    expect(request).toEqual([
      expect.objectContaining({
        severity: "non-breaking",
        text: 'request body (application/json): type of field `timeout` changed: "integer" → "number"',
      }),
    ]);
    const response = plant((d) => (d.components.schemas.SimpleCheck.properties.grace.type = ["integer", "null"]));
    expect(response.length).toBeGreaterThan(0);
    expect(response.every((c) => c.severity === "breaking" && c.text.includes('"integer" → ["integer","null"]'))).toBe(
      true,
    );
  });

  it("a response header no longer always sent is breaking; a schema alternative is named as such", () => {
    const header = plant((d) => (d.components.headers.AllowGet.required = false));
    expect(header).toContainEqual(
      expect.objectContaining({
        operation: "GET /api/v1/channels/ (listChannels)",
        severity: "breaking",
        text: "response 405: header `Allow` is no longer always sent",
      }),
    );
    const variant = plant((d) =>
      d.components.schemas.Check.oneOf.push({ type: "object", properties: { kind: { const: "other" } } }),
    );
    expect(variant).toContainEqual(
      expect.objectContaining({
        operation: "GET /api/v1/checks/ (listChecks)",
        severity: "breaking",
        text: "response 200 (application/json): alternative #3 (oneOf) of field `checks[]` added",
      }),
    );
  });

  it("a status no longer documented is breaking; a new one is not; a description is docs", () => {
    expect(plant((d) => delete d.paths["/api/v1/checks/"].post.responses["201"])).toEqual([
      expect.objectContaining({ severity: "breaking", text: "response 201 removed" }),
    ]);
    expect(plant((d) => (d.paths["/api/v1/checks/"].get.responses["418"] = { description: "teapot" }))).toEqual([
      expect.objectContaining({ severity: "non-breaking", text: "response 418 added" }),
    ]);
    expect(plant((d) => (d.paths["/api/v1/checks/"].get.description += " More."))).toEqual([
      expect.objectContaining({ severity: "docs", text: "description changed" }),
    ]);
  });

  it("a parameter reached through a $ref is named by its place and name", () => {
    expect(bundle.paths["/api/v1/checks/"].get.parameters).toEqual([{ $ref: "#/components/parameters/TagFilter" }]);
    const required = plant((d) => (d.components.parameters.TagFilter.required = true));
    expect(required).toEqual([
      expect.objectContaining({
        operation: "GET /api/v1/checks/ (listChecks)",
        text: "query parameter `tag` is now required",
        severity: "breaking",
      }),
    ]);
    const added = plant((d) => {
      d.components.parameters.Limit = { name: "limit", in: "query", schema: { type: "integer" } };
      d.paths["/api/v1/checks/"].get.parameters.push({ $ref: "#/components/parameters/Limit" });
    });
    expect(added).toContainEqual(
      expect.objectContaining({ operation: "GET /api/v1/checks/ (listChecks)", text: "query parameter `limit` added" }),
    );
  });

  it("a body no longer declared (a response left without content) is named with its media types", () => {
    expect(plant((d) => delete d.paths["/api/v1/checks/"].post.responses["201"].content)).toEqual([
      expect.objectContaining({ severity: "breaking", text: "response 201: body (application/json) removed" }),
    ]);
  });
});

describe("the gate", () => {
  const breaking = plant((d) => delete d.paths["/api/v1/channels/"].get);

  it("fails a breaking change that no version announces, naming the API and the change", () => {
    const problems = gateProblems([entry(breaking)], { base: "1.4.0", head: "1.5.0" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^healthchecks: 1 breaking change\(s\) \(GET \/api\/v1\/channels\/ \(listChannels\): operation removed\)/,
    );
  });

  it("passes when the API's info.version or the package makes a breaking bump", () => {
    expect(gateProblems([entry(breaking, "1.0.0", "2.0.0")], { base: "1.4.0", head: "1.4.1" })).toEqual([]);
    expect(gateProblems([entry(breaking)], { base: "1.4.0", head: "2.0.0" })).toEqual([]);
    expect(gateProblems([entry(breaking)], { base: "0.1.0", head: "0.2.0" })).toEqual([]);
    expect(gateProblems([entry(breaking)], { base: "0.1.0", head: "0.1.1" })).toHaveLength(1);
    expect(gateProblems([entry(breaking, "v1", "2.0.0")], { base: "0.1.0", head: "0.1.0" })).toHaveLength(1);
  });

  it("passes compatible changes without any bump, and says which bump each set needs", () => {
    const compatible = plant((d) => d.components.schemas.CheckStatus.enum.push("failed"));
    expect(gateProblems([entry(compatible)], { base: "1.0.0", head: "1.0.0" })).toEqual([]);
    expect(requiredLevel(breaking)).toBe("major");
    expect(requiredLevel(compatible)).toBe("minor");
    expect(requiredLevel([{ operation: "document", text: "description changed", severity: "docs" }])).toBe("patch");
    expect(requiredLevel([])).toBeUndefined();
    expect(marksBreaking("1.9.3", "2.0.0")).toBe(true);
    expect(marksBreaking("2.0.0", "1.9.0")).toBe(false);
  });

  it("holds for this repository: no unannounced breaking change since the last release", () => {
    const base = defaultBase();
    const pkgAt = (text: string | undefined) => (text ? (JSON.parse(text) as { version: string }).version : undefined);
    const problems = gateProblems(collectChanges(base.ref), {
      base: pkgAt(readAtRef(base.ref, "package.json")),
      head: pkgAt(readFileSync(`${ROOT}/package.json`, "utf8"))!,
    });
    expect(problems, `since ${base.label}`).toEqual([]);
  });
});

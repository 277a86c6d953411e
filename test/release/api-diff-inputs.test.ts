// New request inputs, as a typed client's callers meet them: a parameter or body added as required
// breaks every call written before it, even when its schema has a default (which the diff library
// takes as harmless); one added as optional breaks nothing. Planted on a frozen Healthchecks
// bundle (test/fixtures/release/), as in release-gate.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/registry/apis.js";
import { compareBundles } from "../../scripts/release/api-diff.js";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";

const bundle = JSON.parse(
  readFileSync(`${ROOT}/test/fixtures/release/healthchecks.openapi.json`, "utf8"),
) as OpenApiDocument;
const LIST = "GET /api/v1/channels/ (listChannels)";

function plant(edit: (doc: OpenApiDocument) => void) {
  const after = structuredClone(bundle);
  edit(after);
  return compareBundles(bundle, after);
}

const listChannels = (doc: OpenApiDocument) => doc.paths!["/api/v1/channels/"]!.get!;
const query = (required: boolean) => ({
  name: "kind",
  in: "query" as const,
  required,
  schema: { type: "string" as const, default: "email" },
});

describe("request inputs added to an operation", () => {
  it("a required parameter is breaking, although its schema has a default", () => {
    expect(listChannels(bundle).parameters ?? []).toEqual([]);
    const changes = plant((d) => (listChannels(d).parameters = [query(true)]));
    expect(changes).toEqual([
      expect.objectContaining({
        operation: LIST,
        text: "required query parameter `kind` added",
        severity: "breaking",
        note: expect.stringContaining("a default in its schema does not change that"),
      }),
    ]);
  });

  it("an optional parameter is not", () => {
    const changes = plant((d) => (listChannels(d).parameters = [query(false)]));
    expect(changes).toEqual([
      expect.objectContaining({ operation: LIST, text: "query parameter `kind` added", severity: "non-breaking" }),
    ]);
  });

  it("a required request body is breaking; an optional one is not", () => {
    expect(listChannels(bundle).requestBody).toBeUndefined();
    const body = (required: boolean) => ({
      required,
      content: { "application/json": { schema: { type: "object" as const } } },
    });
    expect(plant((d) => (listChannels(d).requestBody = body(true)))).toEqual([
      expect.objectContaining({ operation: LIST, text: "required request body added", severity: "breaking" }),
    ]);
    expect(plant((d) => (listChannels(d).requestBody = body(false)))).toEqual([
      expect.objectContaining({ operation: LIST, text: "request body added", severity: "non-breaking" }),
    ]);
  });
});

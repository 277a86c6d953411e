// Facts of the Healthchecks Pinging API (v4.3's templates/docs/http_api.md, hc/api/urls.py and
// views.ping / views.ping_by_slug, and v1.3.0, v1.15.0 and v1.23.1's code), asserted against the
// bundled, dereferenced spec.
import { describe, expect, it } from "vitest";
import { isValid } from "../../support/ajv.js";
import { loadSpec, operation } from "../../support/spec.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const spec = await loadSpec("healthchecks-ping");

// Path → the release that added it (CHANGELOG of v4.3; exit status v1.18.0, slugs v1.23.0, /log v2.3).
const SINCE: Record<string, string | undefined> = {
  "/ping/{code}": undefined,
  "/ping/{code}/start": "1.4.0",
  "/ping/{code}/fail": undefined,
  "/ping/{code}/log": "2.3",
  "/ping/{codeOrPingKey}/{exitStatusOrSlug}": "1.18.0",
  "/ping/{pingKey}/{slug}/start": "1.23.0",
  "/ping/{pingKey}/{slug}/fail": "1.23.0",
  "/ping/{pingKey}/{slug}/log": "2.3",
  "/ping/{pingKey}/{slug}/{exitStatus}": "1.23.0",
};
/** A parameter of the operation at `path`, its own or its path's. */
const param = (method: string, path: string, name: string) =>
  [
    ...(operation(spec, method, path).parameters ?? []),
    ...((spec.paths as Record<string, any>)[path].parameters ?? []),
  ].find((p: Record<string, any>) => p.name === name);

describe("Healthchecks Pinging API", () => {
  it("has exactly the ping URLs, each with HEAD, GET and POST, no credentials", () => {
    expect(Object.keys(spec.paths ?? {}).sort()).toEqual(Object.keys(SINCE).sort());
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      expect(
        HTTP_METHODS.filter((m) => m in item),
        path,
      ).toEqual(["get", "post", "head"]);
    }
    expect(spec.security).toEqual([]);
  });

  it.each(Object.entries(SINCE))(
    "%s: x-since %s; served by a server run here → x-confidence high, else medium",
    (path, since) => {
      for (const method of ["get", "head", "post"]) {
        const op = operation(spec, method, path);
        expect(op["x-since"], `${method} ${path}`).toBe(since);
        expect(op["x-confidence"]).toBe(since === "2.3" ? "medium" : "high");
        expect(op["x-source"].some((s: string) => s.startsWith("servers/healthchecks-4.3/hc/api/views.py#ping"))).toBe(
          true,
        );
      }
    },
  );

  it("answers in plain text: OK, 404 not found (or Django's page), 409 ambiguous slug, 201 Created", () => {
    const get = operation(spec, "get", "/ping/{pingKey}/{slug}/start");
    expect(get.responses["200"].content["text/plain"].schema.enum).toEqual(["OK"]);
    expect(get.responses["200"].content["text/html"].schema.enum).toEqual(["OK"]);
    expect(get.responses["201"].content["text/plain"].schema.enum).toEqual(["Created"]);
    expect(get.responses["201"]["x-since"]).toBe("2.10");
    expect(get.responses["404"].content["text/plain"].schema.enum).toEqual(["not found"]);
    expect(get.responses["404"].content["text/html"].schema.enum).toBeUndefined(); // v1.3.0/v1.15.0: Django's page
    expect(get.responses["409"].content["text/plain"].schema.enum).toEqual(["ambiguous slug"]);
    expect(get.responses["400"].content["text/plain"].schema.enum).toEqual([
      "invalid url format",
      "invalid uuid format",
    ]);
    expect(operation(spec, "head", "/ping/{code}").responses["200"].content).toBeUndefined();
  });

  it("sends Ping-Body-Limit (v2.1) and Access-Control-Allow-Origin: * with OK", () => {
    const ok = operation(spec, "post", "/ping/{code}").responses["200"];
    expect(ok.headers["Ping-Body-Limit"]).toMatchObject({ "x-since": "2.1", schema: { type: "integer" } });
    expect(ok.headers["Access-Control-Allow-Origin"].schema.enum).toEqual(["*"]);
  });

  it("takes a text body on POST and bounds its parameters as the server does", () => {
    const post = operation(spec, "post", "/ping/{pingKey}/{slug}/{exitStatus}");
    expect(Object.keys(post.requestBody.content)).toEqual(["text/plain"]);
    expect(post.requestBody.required).toBe(false);
    const at = (name: string) => param("post", "/ping/{pingKey}/{slug}/{exitStatus}", name);
    const exit = at("exitStatus").schema;
    expect([isValid(exit, 0), isValid(exit, 255), isValid(exit, 256), isValid(exit, -1)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const slug = at("slug").schema;
    expect([isValid(slug, "database-backup"), isValid(slug, "Database")]).toEqual([true, false]);
    const rid = at("rid");
    expect(rid).toMatchObject({ in: "query", required: false, "x-since": "2.5" });
    expect([isValid(rid.schema, "123e4567-e89b-12d3-a456-426614174000"), isValid(rid.schema, "run-1")]).toEqual([
      true,
      false,
    ]);
    expect(at("create")).toMatchObject({ "x-since": "2.10", schema: { enum: ["0", "1"], default: "0" } });
    expect(param("get", "/ping/{code}", "create")).toBeUndefined();
    const either = param("get", "/ping/{codeOrPingKey}/{exitStatusOrSlug}", "exitStatusOrSlug").schema;
    expect([isValid(either, 3), isValid(either, 300), isValid(either, "backup")]).toEqual([true, false, true]);
  });

  it("documents the 500 of a body that is not UTF-8 on the POSTs v1.x servers have", () => {
    expect(operation(spec, "post", "/ping/{code}").responses["500"]).toBeDefined();
    expect(operation(spec, "post", "/ping/{code}/log").responses["500"]).toBeUndefined(); // v2.3, after the v1.24.0 fix
  });
});

// Seed facts of the Livebridge Web-API (seeds/003_12ad28ee788ab640.txt), corrected by what the
// real server does (reference/livebridge.md), asserted against the bundled spec.
import { describe, it, expect } from "vitest";
import { isValid, validate } from "../../support/ajv.js";
import { firstExample, loadSpec, operation, responseMedia } from "../../support/spec.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const spec = await loadSpec("livebridge");

const SESSION = "/api/v1/session";
const CONTROL = "/api/v1/controldata";
const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";
const TEXT = "text/plain";
const TOKEN = "58725ad5-d669-4431-9991-1a0cff261526"; // the seed's sample token
const SERVER_TROUBLE = "500 Internal Server Error\n\nServer got itself in trouble";

const errors = validate;
const valid = isValid;
const media = responseMedia;
/** The schema of each item of `bridges` in GET output, with allOf flattened (required merged). */
function requiredOf(schema: Record<string, any>): string[] {
  const own: string[] = schema.required ?? [];
  const fromAllOf = (schema.allOf ?? []).flatMap((s: Record<string, any>) => requiredOf(s));
  return [...own, ...fromAllOf];
}
function propertiesOf(schema: Record<string, any>): Record<string, any> {
  return Object.assign({}, ...(schema.allOf ?? []).map(propertiesOf), schema.properties ?? {});
}

// ---------------------------------------------------------------------------------------------
// Operations: the seed documents POST /api/v1/session and GET/PUT /api/v1/controldata; the server
// also answers HEAD on controldata (aiohttp adds it to every GET route).
const OPERATIONS = [
  ["post", SESSION, "loginSession", "seed"],
  ["get", CONTROL, "getControlData", "seed"],
  ["put", CONTROL, "replaceControlData", "seed"],
  ["head", CONTROL, "checkControlData", "server"],
] as const;

describe("livebridge: operations", () => {
  it.each(OPERATIONS)("%s %s is %s", (method, path, id) => {
    expect(operation(spec, method, path).operationId).toBe(id);
  });

  it("has exactly these paths and methods (no trailing-slash variants, no fake 405 operations)", () => {
    expect(Object.keys(spec.paths).sort()).toEqual([CONTROL, SESSION].sort());
    const methods = (p: string) =>
      Object.keys(spec.paths[p])
        .filter((k) => (HTTP_METHODS as readonly string[]).includes(k))
        .sort();
    expect(methods(SESSION)).toEqual(["post"]);
    expect(methods(CONTROL)).toEqual(["get", "head", "put"]);
  });

  it.each(OPERATIONS)("%s %s records its sources in x-source", (method, path, _id, origin) => {
    const sources: string[] = operation(spec, method, path)["x-source"];
    expect(sources.length).toBeGreaterThan(0);
    if (origin === "seed") expect(sources.some((s) => s.startsWith("seeds/003_12ad28ee788ab640.txt"))).toBe(true);
    expect(sources.some((s) => s.startsWith("reference/livebridge.md"))).toBe(true);
  });
});

describe("livebridge: server", () => {
  it("is plain http://{host}:{port} with LB_WEB_HOST/LB_WEB_PORT defaults localhost:8080 (seed says https)", () => {
    expect(spec.servers).toHaveLength(1);
    const server = spec.servers[0];
    expect(server.url).toBe("http://{host}:{port}");
    expect(server.variables.host.default).toBe("localhost");
    expect(server.variables.port.default).toBe("8080");
    expect(server.description).toContain("LB_WEB_HOST");
    expect(server.description).toContain("LB_WEB_PORT");
    expect(server.description).toContain("https");
  });

  it("documents the four LB_WEB_* settings", () => {
    for (const v of ["LB_WEB_HOST", "LB_WEB_PORT", "LB_WEB_USER", "LB_WEB_PWD"])
      expect(spec.info.description).toContain(v);
  });
});

describe("livebridge: authentication", () => {
  const schemes = spec.components.securitySchemes;

  it("declares the X-Auth-Token header and the lb-db cookie as apiKey schemes", () => {
    expect(schemes.authTokenHeader).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
    expect(schemes.authTokenCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "lb-db" });
    expect(Object.keys(schemes).sort()).toEqual(["authTokenCookie", "authTokenHeader"]);
  });

  it("requires either scheme by default and on every controldata operation", () => {
    const either = [{ authTokenHeader: [] }, { authTokenCookie: [] }];
    expect(spec.security).toEqual(either);
    for (const method of ["get", "head", "put"]) {
      const op = operation(spec, method, CONTROL);
      expect(op.security ?? spec.security).toEqual(either);
    }
  });

  it("needs no token for the login", () => {
    expect(operation(spec, "post", SESSION).security).toEqual([]);
  });

  it.each([
    ["get", CONTROL],
    ["put", CONTROL],
  ])("%s %s answers 401 {error: 'Invalid token.'}", (method, path) => {
    const m = media(operation(spec, method, path), "401");
    expect(firstExample(m)).toEqual({ error: "Invalid token." });
    expect(valid(m.schema, { error: "Invalid token." })).toBe(true);
  });

  it("HEAD declares a bodiless 401", () => {
    const r = operation(spec, "head", CONTROL).responses["401"];
    expect(r).toBeDefined();
    expect(r.content).toBeUndefined();
  });
});

describe("livebridge: error body", () => {
  it("is {error: string} with no other field", () => {
    const schema = media(operation(spec, "put", CONTROL), "412").schema;
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["error"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(["error"]);
    expect(schema.properties.error.type).toBe("string");
    expect(valid(schema, { error: "x", message: "y" })).toBe(false);
  });
});

describe("livebridge: POST /api/v1/session", () => {
  const op = operation(spec, "post", SESSION);

  it.each([FORM, MULTIPART])("accepts %s with string fields username and password", (type) => {
    const m = op.requestBody.content[type];
    expect(m).toBeDefined();
    expect(m.schema.properties.username.type).toBe("string");
    expect(m.schema.properties.password.type).toBe("string");
    expect(m.schema.required).toEqual(["username", "password"]);
    expect(firstExample(m)).toEqual({ username: "yourusername", password: "yourpassword" });
  });

  it("does not accept JSON, and says so", () => {
    expect(Object.keys(op.requestBody.content).sort()).toEqual([FORM, MULTIPART].sort());
    expect(op.description).toContain("JSON is not accepted");
  });

  it("200 returns {token: uuid} and sets the lb-db cookie", () => {
    const m = media(op, "200");
    expect(m.schema.required).toEqual(["token"]);
    expect(m.schema.additionalProperties).toBe(false);
    expect(m.schema.properties.token.format).toBe("uuid");
    expect(firstExample(m)).toEqual({ token: TOKEN });
    expect(valid(m.schema, { token: "not-a-uuid" })).toBe(false);
    const cookie = op.responses["200"].headers["Set-Cookie"];
    expect(cookie.required).toBe(true);
    expect(cookie.schema.examples[0]).toBe(`lb-db=${TOKEN}; Path=/`);
    expect(new RegExp(cookie.schema.pattern).test(`lb-db=${TOKEN}; Path=/`)).toBe(true);
  });

  // The seed's table: 400 Auth credentials are missing., 401 Not authorized. (server: Unauthorized).
  it.each([
    ["400", { error: "Auth credentials are missing." }],
    ["401", { error: "Unauthorized" }],
  ])("%s answers %j", (status, body) => {
    const m = media(op, status);
    expect(firstExample(m)).toEqual(body);
    expect(valid(m.schema, body)).toBe(true);
  });

  it("explains that 400 is a server misconfiguration and 401 is not 'Not authorized.'", () => {
    expect(op.responses["400"].description).toMatch(/misconfiguration/i);
    expect(op.responses["400"].description).toContain("LB_WEB_USER");
    expect(op.responses["401"].description).toContain("Not authorized.");
  });

  it("documents the text/plain 500 of the Expect handler", () => {
    const m = media(op, "500", TEXT);
    expect(m.schema.const).toBe(SERVER_TROUBLE);
    expect(firstExample(m)).toBe(SERVER_TROUBLE);
  });

  it("declares exactly 200, 400, 401, 500", () => {
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "500"]);
  });
});

describe("livebridge: GET/HEAD /api/v1/controldata", () => {
  const op = operation(spec, "get", CONTROL);
  const head = operation(spec, "head", CONTROL);

  it("takes no parameters and no body", () => {
    expect(op.parameters ?? []).toEqual([]);
    expect(op.requestBody).toBeUndefined();
  });

  it("200 sends the Etag header: 32 lowercase hex, unquoted, spelled Etag", () => {
    for (const o of [op, head]) {
      const headers = o.responses["200"].headers;
      expect(Object.keys(headers)).toEqual(["Etag"]);
      expect(headers.Etag.required).toBe(true);
      expect(headers.Etag.schema.pattern).toBe("^[0-9a-f]{32}$");
      expect(headers.Etag.schema.examples[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("200 returns exactly auth and bridges; every bridge has targets", () => {
    const schema = media(op, "200").schema;
    expect(schema.required).toEqual(["auth", "bridges"]);
    expect(Object.keys(schema.properties).sort()).toEqual(["auth", "bridges"]);
    expect(schema.additionalProperties).toBe(false);
    const bridge = schema.properties.bridges.items;
    expect(requiredOf(bridge)).toEqual(["targets"]);
    expect(valid(schema, { auth: {}, bridges: [{ label: "x" }] })).toBe(false);
    expect(valid(schema, { auth: {}, bridges: [{ label: "x", targets: [] }] })).toBe(true);
  });

  it("returns the seed's sample (normalised) by default", () => {
    const m = media(op, "200");
    expect(firstExample(m)).toEqual({
      auth: { live: { user: "prod", password: "pwd2", api_key: "Foobar" } },
      bridges: [
        {
          endpoint: "https://example.com/api/",
          label: "Example 1",
          source_id: "abcdefg",
          targets: [{ type: "another", event_id: "654321", auth: "live" }],
        },
      ],
    });
    for (const ex of Object.values(m.examples) as { value: unknown }[]) expect(errors(m.schema, ex.value)).toEqual([]);
  });

  it("500 is aiohttp's text/plain page, not JSON", () => {
    expect(Object.keys(op.responses["500"].content)).toEqual([TEXT]);
    const m = media(op, "500", TEXT);
    expect(m.schema.const).toBe(SERVER_TROUBLE);
    expect(firstExample(m)).toBe(SERVER_TROUBLE);
  });

  it("declares exactly 200, 401, 500 (GET and HEAD)", () => {
    expect(Object.keys(op.responses).sort()).toEqual(["200", "401", "500"]);
    expect(Object.keys(head.responses).sort()).toEqual(["200", "401", "500"]);
    for (const status of ["200", "401", "500"]) expect(head.responses[status].content).toBeUndefined();
  });
});

describe("livebridge: PUT /api/v1/controldata", () => {
  const op = operation(spec, "put", CONTROL);

  it("requires an If-Match header of 32 lowercase hex digits", () => {
    const params = op.parameters as Record<string, any>[];
    expect(params).toHaveLength(1);
    expect(params[0]).toMatchObject({ name: "If-Match", in: "header", required: true });
    expect(params[0]!.schema).toMatchObject({ type: "string", pattern: "^[0-9a-f]{32}$" });
  });

  it("takes a required application/json body (the control document, open object)", () => {
    expect(op.requestBody.required).toBe(true);
    expect(Object.keys(op.requestBody.content)).toEqual([JSON_TYPE]);
    const m = op.requestBody.content[JSON_TYPE];
    expect(m.schema.type).toBe("object");
    expect(m.schema.additionalProperties).toBe(true);
    expect(m.schema.required ?? []).toEqual([]);
    for (const ex of Object.values(m.examples) as { value: unknown }[]) expect(errors(m.schema, ex.value)).toEqual([]);
    expect(valid(m.schema, { extra_top_level: 1 })).toBe(true);
    expect(op.description).toMatch(/without any validation/);
  });

  it('200 returns {ok: "true"} (the string, as const)', () => {
    const m = media(op, "200");
    expect(m.schema.properties.ok.const).toBe("true");
    expect(m.schema.required).toEqual(["ok"]);
    expect(m.schema.additionalProperties).toBe(false);
    expect(firstExample(m)).toEqual({ ok: "true" });
    expect(valid(m.schema, { ok: true })).toBe(false);
  });

  it("400 has the seed's two messages as named examples", () => {
    const m = media(op, "400");
    expect(m.examples.NoRequestBodyError.value).toEqual({ error: "No request body was found." });
    expect(m.examples.NotSavedError.value).toEqual({ error: "Controldata was not saved." });
    expect(firstExample(m)).toEqual({ error: "No request body was found." });
  });

  it.each([
    ["412", { error: "Checksum check failed." }],
    ["500", { error: "Internal Server Error" }],
  ])("%s answers JSON %j", (status, body) => {
    const m = media(op, status);
    expect(firstExample(m)).toEqual(body);
    expect(valid(m.schema, body)).toBe(true);
  });

  it("declares exactly 200, 400, 401, 412, 500", () => {
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "412", "500"]);
  });
});

describe("livebridge: control-data model", () => {
  const getSchema = media(operation(spec, "get", CONTROL), "200").schema;
  const putSchema = operation(spec, "put", CONTROL).requestBody.content[JSON_TYPE].schema;
  const bridge = putSchema.properties.bridges.items;
  const target = bridge.properties.targets.items;
  const account = putSchema.properties.auth.additionalProperties;

  it("auth maps an account name to an open credentials object", () => {
    expect(putSchema.properties.auth.type).toBe("object");
    expect(account.type).toBe("object");
    expect(account.additionalProperties).toBe(true);
    for (const k of ["user", "password", "api_key"]) expect(account.properties[k].type).toBe("string");
    expect(getSchema.properties.auth.additionalProperties.type).toBe("object");
  });

  it.each([
    ["type", "string"],
    ["endpoint", "string"],
    ["label", "string"],
    ["auth", "string"],
    ["poll_interval", "number"],
    ["targets", "array"],
  ])("bridge.%s is %s", (key, type) => {
    expect(bridge.properties[key].type).toBe(type);
    expect(propertiesOf(getSchema.properties.bridges.items)[key].type).toBe(type);
  });

  it("bridge.active is a boolean or an integer: false and 0 deactivate (the controller's `active != False`)", () => {
    expect(bridge.properties.active.type).toEqual(["boolean", "integer"]);
    expect(propertiesOf(getSchema.properties.bridges.items).active.type).toEqual(["boolean", "integer"]);
    expect(valid(bridge, { active: 0 })).toBe(true);
    expect(valid(bridge, { active: false })).toBe(true);
    expect(valid(bridge, { active: "no" })).toBe(false);
  });

  it("bridge.source_id is a string or an integer", () => {
    expect(bridge.properties.source_id.type).toEqual(["string", "integer"]);
    expect(valid(bridge, { source_id: 54321 })).toBe(true);
    expect(valid(bridge, { source_id: "abcdefg" })).toBe(true);
  });

  it("bridges and targets stay open and require nothing on PUT", () => {
    expect(bridge.additionalProperties).toBe(true);
    expect(bridge.required ?? []).toEqual([]);
    expect(target.additionalProperties).toBe(true);
    expect(target.required ?? []).toEqual([]);
    expect(bridge.properties.type.enum).toBeUndefined();
    expect(target.properties.type.enum).toBeUndefined();
  });

  it.each([
    ["type", "string"],
    ["auth", "string"],
    ["event_id", "string"],
    ["channel", "string"],
  ])("target.%s is %s", (key, type) => {
    expect(target.properties[key].type).toBe(type);
  });
});

describe("livebridge: documented discrepancies", () => {
  const description: string = spec.info.description;
  const sources = description.slice(description.indexOf("## Sources and discrepancies"));

  it("ends with a Sources and discrepancies section", () => {
    expect(description).toContain("## Sources and discrepancies");
  });

  it.each([
    ["Not authorized.", "Unauthorized"],
    ["401 Method Not Allowed", "405"],
    ["If-Match", "412"],
    ["re-requesting a new token", "stay valid"],
    ["All requests require", "lb-db"],
    ["https://", "no TLS"],
    ["LB_POLL_CONTROL_INTERVAL", "immediately"],
    ["initial control data", "08d9e9b3e2686de74d3084d0e6ae7f42"],
    ["Auth credentials are missing.", "misconfiguration"],
    ["insertion order", "sorted"],
    ["Content-Type: application/json", "ignores"],
  ])("names the seed's claim %j and the server's %j", (claim, truth) => {
    expect(sources).toContain(claim);
    expect(sources).toContain(truth);
  });

  it("documents 405 {error: 'Method Not Allowed'} for wrong methods on both paths", () => {
    for (const path of [SESSION, CONTROL]) {
      expect(spec.paths[path].description).toContain("405");
      expect(spec.paths[path].description).toContain('{"error": "Method Not Allowed"}');
    }
  });
});

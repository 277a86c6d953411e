// Seed facts of the Healthchecks REST API v1 (seeds/004_b73ebee7ba62ae87.txt, the v1.3.0 API
// reference page), corrected by what the real v1.3.0 server does (reference/healthchecks.md),
// asserted against the bundled, dereferenced spec.
import { describe, it, expect } from "vitest";
import { isValid } from "../../support/ajv.js";
import { firstExample, loadSpec, operation, responseMedia } from "../../support/spec.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const spec = await loadSpec("healthchecks");

const CHECKS = "/api/v1/checks/";
const CHECK = "/api/v1/checks/{code}";
const PAUSE = "/api/v1/checks/{code}/pause";
const CHANNELS = "/api/v1/channels/";
const JSON_TYPE = "application/json";
const EMPTY_HTML = "text/html; charset=utf-8"; // 403 and 405: HttpResponse() with an empty body
const DJANGO_HTML = "text/html"; // Django's default 400/404/500 pages
const UUID = "f618072a-7bde-4eee-af63-71a77c5723bc"; // the docs' sample check

const valid = isValid;
const media = responseMedia;
function requestSchema(method: string, path: string): Record<string, any> {
  const body = operation(spec, method, path).requestBody;
  if (!body) throw new Error(`${method} ${path} has no request body`);
  return body.content[JSON_TYPE].schema;
}

// ---------------------------------------------------------------------------------------------
// Operations: exactly the six of the seed, with their exact paths (trailing slashes matter).
const OPERATIONS = [
  ["get", CHECKS, "listChecks", "Checks"],
  ["post", CHECKS, "createCheck", "Checks"],
  ["post", CHECK, "updateCheck", "Checks"],
  ["post", PAUSE, "pauseCheck", "Checks"],
  ["delete", CHECK, "deleteCheck", "Checks"],
  ["get", CHANNELS, "listChannels", "Integrations"],
] as const;

describe("operations", () => {
  it.each(OPERATIONS)("%s %s is %s", (method, path, operationId, tag) => {
    const op = operation(spec, method, path);
    expect(op.operationId).toBe(operationId);
    expect(op.tags).toContain(tag);
    expect(op.summary).toBeTruthy();
    expect(op.description).toBeTruthy();
    expect(op["x-source"]).toContain(
      `seeds/004_b73ebee7ba62ae87.txt#${{ listChecks: "list-checks", createCheck: "create-check", updateCheck: "update-check", pauseCheck: "pause-check", deleteCheck: "delete-check", listChannels: "list-channels" }[operationId]}`,
    );
  });

  // The seed's six operations, plus those of later versions (issue 10), each with the version
  // that added it; the ones only read from the v4.3 code say so with x-confidence.
  it("has the seed's paths and methods; every later operation says since when", () => {
    const declared = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
      HTTP_METHODS.filter((m) => m in item).map((m) => [`${m} ${p}`, item[m]] as const),
    );
    const seed = OPERATIONS.map(([m, p]) => `${m} ${p}`);
    expect(declared.map(([k]) => k)).toEqual(expect.arrayContaining(seed));
    const later = declared.filter(([k]) => !seed.includes(k));
    expect(later.map(([, op]) => op.operationId).sort()).toEqual([
      "getCheck",
      "getPingBody",
      "getStatus",
      "listBadges",
      "listFlips",
      "listPings",
      "resumeCheck",
    ]);
    for (const [key, op] of later) {
      if (op.operationId === "getStatus") continue; // already in v1.3.0, only undocumented
      expect(op["x-since"], key).toMatch(/^\d+\.\d+(\.\d+)?$/);
      // Served by v1.23.1 (the newest server run here, test/live): checked live, high; newer
      // ones are read from the v4.3 code only, medium.
      const [major, minor] = String(op["x-since"]).split(".").map(Number) as [number, number];
      const live = major === 1 && minor <= 23;
      expect(op["x-confidence"], key).toBe(live ? "high" : "medium");
      if (live && minor > 15) {
        expect(
          op["x-source"].some(
            (s: string) => s.startsWith("servers/healthchecks-1.23.1/") && s.includes("checked live"),
          ),
          key,
        ).toBe(true);
      }
    }
  });

  it("keeps the trailing slashes exactly as documented", () => {
    expect(CHECKS.endsWith("/")).toBe(true);
    expect(CHANNELS.endsWith("/")).toBe(true);
    expect(spec.paths["/api/v1/checks"]).toBeUndefined();
    expect(spec.paths["/api/v1/channels"]).toBeUndefined();
    expect(spec.paths["/api/v1/checks/{code}/"]).toBeUndefined();
    expect(spec.paths["/api/v1/checks/{code}/pause/"]).toBeUndefined();
  });

  it("declares the tags it uses", () => {
    expect((spec.tags as { name: string; description: string }[]).map((t) => t.name).sort()).toEqual([
      "Badges",
      "Checks",
      "Integrations",
      "Service",
    ]);
    for (const t of spec.tags) expect(t.description).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------
describe("servers", () => {
  it("names the hosted SITE_ROOT and a templated self-hosted one with defaults", () => {
    expect(spec.servers[0].url).toBe("https://healthchecks.io");
    const selfHosted = spec.servers[1];
    expect(selfHosted.url).toBe("{scheme}://{host}");
    expect(selfHosted.variables.scheme.default).toBe("http");
    expect(selfHosted.variables.scheme.enum).toEqual(["http", "https"]);
    expect(selfHosted.variables.host.default).toBe("localhost:8000");
  });
  it("uses SITE_ROOT-relative paths under /api/v1/", () => {
    for (const p of Object.keys(spec.paths)) expect(p.startsWith("/api/v1/")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("authentication", () => {
  it("is an apiKey scheme in the X-Api-Key header", () => {
    expect(spec.components.securitySchemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-Api-Key" });
    expect(spec.security).toEqual([{ apiKey: [] }]);
  });

  const SECURITY = [
    ["get", CHECKS, [{ apiKey: [] }]],
    ["post", CHECKS, [{ apiKey: [] }, {}]],
    ["post", CHECK, [{ apiKey: [] }, {}]],
    ["post", PAUSE, [{ apiKey: [] }, {}]],
    // v1.23.0 dropped DELETE bodies, so the key of deleteCheck goes in the header only.
    ["delete", CHECK, [{ apiKey: [] }]],
    ["get", CHANNELS, [{ apiKey: [] }]],
  ] as const;
  it.each(SECURITY)("%s %s has security %j", (method, path, security) => {
    expect(operation(spec, method, path).security).toEqual(security);
  });

  // Write operations accept the key as `api_key` in the JSON body instead of the header.
  it.each([
    ["post", CHECKS],
    ["post", CHECK],
    ["post", PAUSE],
    ["delete", CHECK],
  ] as const)("%s %s documents an optional api_key body property", (method, path) => {
    const schema = requestSchema(method, path);
    expect(schema.properties.api_key.type).toBe("string");
    expect(schema.required ?? []).not.toContain("api_key");
  });

  it("GET operations document no request body", () => {
    expect(operation(spec, "get", CHECKS).requestBody).toBeUndefined();
    expect(operation(spec, "get", CHANNELS).requestBody).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe("request bodies", () => {
  it.each([
    ["post", CHECKS],
    ["post", CHECK],
    ["post", PAUSE],
    ["delete", CHECK],
  ] as const)("%s %s takes an optional application/json body", (method, path) => {
    const body = operation(spec, method, path).requestBody;
    expect(body.required).toBe(false);
    expect(Object.keys(body.content)).toEqual([JSON_TYPE]);
    expect(Object.keys(body.content[JSON_TYPE].examples).length).toBeGreaterThan(0);
  });

  // Seed: "Minimum: 60 (one minute), maximum: 2592000 (30 days)" for timeout and grace.
  const BOUNDS = [
    ["timeout", 60, 2592000],
    ["grace", 60, 2592000],
  ] as const;
  describe.each([
    ["createCheck", "post", CHECKS],
    ["updateCheck", "post", CHECK],
  ] as const)("%s", (_id, method, path) => {
    const schema = requestSchema(method, path);
    it.each(BOUNDS)("%s is an integer from %i to %i", (field, min, max) => {
      expect(schema.properties[field].type).toBe("integer");
      expect(schema.properties[field].minimum).toBe(min);
      expect(schema.properties[field].maximum).toBe(max);
      // What the conformance suite sends to the mock:
      expect(valid(schema, { [field]: min })).toBe(true);
      expect(valid(schema, { [field]: max })).toBe(true);
      expect(valid(schema, { [field]: min - 1 })).toBe(false); // 59
      expect(valid(schema, { [field]: max + 1 })).toBe(false); // 2592001
      expect(valid(schema, { [field]: 300.5 })).toBe(false); // the server: "is not a number"
    });
    it("limits the string fields", () => {
      expect(schema.properties.name).toMatchObject({ type: "string", maxLength: 100 });
      expect(schema.properties.tags).toMatchObject({ type: "string", maxLength: 500 });
      expect(schema.properties.schedule).toMatchObject({ type: "string", maxLength: 100 });
      expect(schema.properties.tz).toMatchObject({ type: "string", maxLength: 36 });
      expect(schema.properties.channels.type).toBe("string");
      expect(valid(schema, { name: "x".repeat(100) })).toBe(true);
      expect(valid(schema, { name: "x".repeat(101) })).toBe(false);
      expect(valid(schema, { tags: "x".repeat(501) })).toBe(false);
      expect(valid(schema, { tz: "x".repeat(37) })).toBe(false);
    });
    it("accepts only name, tags, timeout and grace in unique", () => {
      expect(schema.properties.unique.type).toBe("array");
      expect(schema.properties.unique.items.enum).toEqual(["name", "tags", "timeout", "grace"]);
      expect(valid(schema, { unique: ["name", "tags", "timeout", "grace"], timeout: 60, grace: 60 })).toBe(true);
      expect(valid(schema, { unique: ["desc"] })).toBe(false);
      // createCheck: listing timeout or grace without supplying it makes v1.3.0 to v1.23.1
      // answer 500; updateCheck ignores unique.
      expect(valid(schema, { unique: ["timeout"] })).toBe(path !== CHECKS);
      expect(valid(schema, { unique: ["grace"], timeout: 60 })).toBe(path !== CHECKS);
    });
    it("requires nothing, ignores unknown properties, accepts an empty object", () => {
      expect(schema.required ?? []).toEqual([]);
      expect(schema.additionalProperties).toBe(true);
      expect(valid(schema, {})).toBe(true);
      expect(valid(schema, { kind: "simple", timeout: 300 })).toBe(true); // the docs' own sample
    });
  });

  it("gives createCheck the documented defaults", () => {
    const p = requestSchema("post", CHECKS).properties;
    expect(p.name.default).toBe("");
    expect(p.tags.default).toBe("");
    expect(p.timeout.default).toBe(86400);
    expect(p.grace.default).toBe(3600);
    expect(p.schedule.default).toBe("* * * * *");
    expect(p.tz.default).toBe("UTC");
    expect(p.unique.default).toEqual([]);
    expect(p.channels.default).toBeUndefined(); // none assigned unless asked
  });

  it("gives updateCheck no defaults (omitted fields stay unchanged)", () => {
    const p = requestSchema("post", CHECK).properties;
    for (const field of ["name", "tags", "timeout", "grace", "schedule", "tz", "channels", "unique"]) {
      expect(p[field].default, field).toBeUndefined();
    }
  });

  it("validates deleteCheck's optional body with the check schema", () => {
    const schema = requestSchema("delete", CHECK);
    expect(valid(schema, {})).toBe(true);
    expect(valid(schema, { timeout: 59 })).toBe(false);
  });

  it("accepts any object as pauseCheck's body", () => {
    const schema = requestSchema("post", PAUSE);
    expect(schema.additionalProperties).toBe(true);
    expect(valid(schema, {})).toBe(true);
    expect(valid(schema, { api_key: "k".repeat(32), anything: 1 })).toBe(true);
    // Every key is 32 characters; any other length gets 401 missing api key.
    expect(valid(schema, { api_key: "k" })).toBe(false);
  });

  it("fixes the docs' invalid unique sample as valid JSON", () => {
    const ex = operation(spec, "post", CHECKS).requestBody.content[JSON_TYPE].examples.CreateUniqueCheck.value;
    expect(ex).toEqual({ name: "Backups", unique: ["name"] });
  });
});

// ---------------------------------------------------------------------------------------------
describe("parameters", () => {
  it("code is a required lowercase UUID path parameter on both single-check paths", () => {
    for (const [method, path] of [
      ["post", CHECK],
      ["delete", CHECK],
      ["post", PAUSE],
    ] as const) {
      const params = [...(spec.paths[path].parameters ?? []), ...(operation(spec, method, path).parameters ?? [])];
      const code = params.find((p: Record<string, any>) => p.name === "code");
      expect(code).toMatchObject({ in: "path", required: true });
      expect(code.schema.format).toBe("uuid");
      expect(valid(code.schema, UUID)).toBe(true);
      expect(valid(code.schema, UUID.toUpperCase())).toBe(false);
      expect(valid(code.schema, "not-a-uuid")).toBe(false);
    }
  });

  it("tag is a repeatable query parameter of listChecks", () => {
    const tag = operation(spec, "get", CHECKS).parameters.find((p: Record<string, any>) => p.name === "tag");
    expect(tag).toMatchObject({ in: "query", required: false, style: "form", explode: true });
    expect(tag.schema).toMatchObject({ type: "array", items: { type: "string" } });
  });
});

// ---------------------------------------------------------------------------------------------
describe("check object", () => {
  const check = media(operation(spec, "post", CHECKS), "201").schema;
  const [fields, kinds, views] = check.allOf as Record<string, any>[];
  const [simple, cron] = kinds!.oneOf as Record<string, any>[];
  const [readWrite, readOnly] = views!.oneOf as Record<string, any>[];
  // The keys v1.3.0 sends (besides timeout or schedule/tz), all present for any key.
  const COMMON = [
    "name",
    "ping_url",
    "update_url",
    "pause_url",
    "tags",
    "grace",
    "n_pings",
    "status",
    "channels",
    "last_ping",
    "next_ping",
  ];
  const URLS = ["ping_url", "update_url", "pause_url", "channels"];

  it("is open: the common fields, one kind (simple or cron), one key view (read-write or read-only)", () => {
    expect(fields!.additionalProperties).toBe(true);
    expect(kinds!.oneOf).toHaveLength(2);
    expect(views!.oneOf).toHaveLength(2);
    expect([...fields!.required].sort()).toEqual(COMMON.filter((k) => !URLS.includes(k)).sort());
    expect([...readWrite!.required].sort()).toEqual([...URLS].sort());
    expect(readOnly!.required).toEqual(["unique_key"]);
    expect(readOnly!["x-since"]).toBe("1.8.0");
  });
  it("simple has timeout and no schedule/tz", () => {
    expect(simple!.required).toEqual(["timeout"]);
    // `not: {}`: no value is allowed, so the key must be absent.
    expect(simple!.properties.schedule.not).toEqual({});
    expect(simple!.properties.tz.not).toEqual({});
    expect(fields!.properties.timeout.type).toBe("integer");
  });
  it("cron has schedule and tz and no timeout", () => {
    expect([...cron!.required].sort()).toEqual(["schedule", "tz"]);
    expect(cron!.properties.timeout.not).toEqual({});
  });
  it("names the fields later versions add, optional, with the version that added them", () => {
    for (const [field, since] of [
      ["desc", "1.6.0"],
      ["last_duration", "1.10.0"],
      ["unique_key", "1.8.0"],
      ["manual_resume", "1.16.0"],
      ["methods", "1.17.0"],
      ["uuid", "3.5"],
      ["badge_url", "3.10"],
    ]) {
      expect(fields!.properties[field!]["x-since"], field).toBe(since);
      expect(fields!.required).not.toContain(field);
    }
    for (const field of [
      "slug",
      "started",
      "subject",
      "subject_fail",
      "resume_url",
      "start_kw",
      "success_kw",
      "failure_kw",
      "filter_subject",
      "filter_body",
      "filter_http_body",
      "filter_default_fail",
    ]) {
      expect(fields!.properties[field]["x-since"], field).toBeTruthy();
    }
  });
  it.each(["last_ping", "next_ping"])("%s is a nullable date-time", (field) => {
    expect(fields!.properties[field].type).toEqual(["string", "null"]);
    expect(fields!.properties[field].format).toBe("date-time");
  });
  it("status is new/up/grace/down/paused, plus started from v1.4.0", () => {
    expect(fields!.properties.status.enum).toEqual(["new", "up", "grace", "down", "paused", "started"]);
  });
  it("channels is a string of sorted, comma-joined UUIDs or empty", () => {
    const channels = fields!.properties.channels;
    expect(channels.type).toBe("string");
    expect(valid(channels, "")).toBe(true);
    expect(valid(channels, "4ec5a071-2d08-4baa-898a-eb4eb3cd6941,746a083e-f542-4554-be1a-707ce16d3acc")).toBe(true);
    expect(valid(channels, "4ec5a071-2d08-4baa-898a-eb4eb3cd6941, 746a083e-f542-4554-be1a-707ce16d3acc")).toBe(false);
  });
  it("the variants are exclusive: a document matches exactly one kind and one view", () => {
    const base = {
      name: "Backups",
      ping_url: `https://healthchecks.io/ping/${UUID}`,
      update_url: `https://healthchecks.io/api/v1/checks/${UUID}`,
      pause_url: `https://healthchecks.io/api/v1/checks/${UUID}/pause`,
      tags: "prod www",
      grace: 3600,
      n_pings: 0,
      status: "new",
      channels: "",
      last_ping: null,
      next_ping: null,
    };
    const s = { ...base, timeout: 86400 };
    const c = { ...base, schedule: "* * * * *", tz: "UTC" };
    expect([valid(simple, s), valid(cron, s)]).toEqual([true, false]);
    expect([valid(simple, c), valid(cron, c)]).toEqual([false, true]);
    expect(valid(check, s)).toBe(true); // exactly what v1.3.0 sends
    expect(valid(check, c)).toBe(true);
    expect(valid(check, { ...s, schedule: "* * * * *", tz: "UTC" })).toBe(false);
    expect(valid(check, base)).toBe(false);
    expect(valid(check, { ...s, last_ping: "2018-11-21T10:12:47+00:00", next_ping: "2018-11-21T11:12:47+00:00" })).toBe(
      true,
    );
    // Later versions: extra fields are fine; a read-only key's shape has unique_key, no URLs.
    expect(valid(check, { ...s, desc: "", last_duration: 12, slug: "backups" })).toBe(true);
    const { ping_url: _p, update_url: _u, pause_url: _pa, channels: _c, ...bare } = s;
    expect(valid(check, { ...bare, unique_key: "a".repeat(40) })).toBe(true);
    expect(valid(check, bare)).toBe(false);
    expect(valid(check, { ...s, unique_key: "a".repeat(40) })).toBe(false);
  });
  it("is the body of every operation that returns a check", () => {
    for (const [method, path, status] of [
      ["post", CHECKS, "200"],
      ["post", CHECK, "200"],
      ["delete", CHECK, "200"],
      ["post", PAUSE, "200"],
      ["get", CHECK, "200"],
    ] as const) {
      expect(media(operation(spec, method, path), status).schema).toEqual(check);
    }
  });
  it("lists come wrapped in {checks: [...]}", () => {
    const list = media(operation(spec, "get", CHECKS), "200").schema;
    expect(list.required).toEqual(["checks"]);
    expect(list.additionalProperties).toBe(false);
    expect(list.properties.checks.items).toEqual(check);
  });
});

describe("channel object", () => {
  const list = media(operation(spec, "get", CHANNELS), "200").schema;
  const channel = list.properties.channels.items;
  it("is {channels: [{id, name, kind}]}", () => {
    expect(list.required).toEqual(["channels"]);
    expect(channel.required).toEqual(["id", "name", "kind"]);
    expect(channel.additionalProperties).toBe(false);
    expect(channel.properties.id.format).toBe("uuid");
    expect(channel.properties.name).toMatchObject({ type: "string", maxLength: 100 });
  });
  it("kind is an open string with examples, not an enum", () => {
    expect(channel.properties.kind.type).toBe("string");
    expect(channel.properties.kind.enum).toBeUndefined();
    expect(channel.properties.kind.examples).toEqual(expect.arrayContaining(["email", "webhook", "slack", "sms"]));
  });
});

// ---------------------------------------------------------------------------------------------
// Status codes and their bodies, as the v1.3.0 server sends them.
const STATUSES: [string, string, Record<string, string[]>][] = [
  [
    "get",
    CHECKS,
    { "200": [JSON_TYPE], "400": [JSON_TYPE], "401": [JSON_TYPE], "405": [EMPTY_HTML], "500": [DJANGO_HTML] },
  ],
  [
    "post",
    CHECKS,
    {
      "200": [JSON_TYPE],
      "201": [JSON_TYPE],
      "400": [JSON_TYPE, DJANGO_HTML],
      "401": [JSON_TYPE],
      "403": [EMPTY_HTML],
      "405": [EMPTY_HTML],
      "500": [DJANGO_HTML],
    },
  ],
  [
    "post",
    CHECK,
    {
      "200": [JSON_TYPE],
      "400": [JSON_TYPE, DJANGO_HTML],
      "401": [JSON_TYPE],
      "403": [EMPTY_HTML],
      "404": [DJANGO_HTML],
      "405": [EMPTY_HTML],
    },
  ],
  [
    "delete",
    CHECK,
    {
      "200": [JSON_TYPE],
      "400": [JSON_TYPE],
      "401": [JSON_TYPE],
      "403": [EMPTY_HTML],
      "404": [DJANGO_HTML],
      "405": [EMPTY_HTML],
    },
  ],
  [
    "post",
    PAUSE,
    {
      "200": [JSON_TYPE],
      "400": [JSON_TYPE],
      "401": [JSON_TYPE],
      "403": [EMPTY_HTML],
      "404": [DJANGO_HTML],
      "405": [EMPTY_HTML],
      "500": [DJANGO_HTML],
    },
  ],
  [
    "get",
    CHANNELS,
    { "200": [JSON_TYPE], "400": [JSON_TYPE], "401": [JSON_TYPE], "405": [EMPTY_HTML], "500": [DJANGO_HTML] },
  ],
];

describe("responses", () => {
  it.each(STATUSES)("%s %s declares exactly these statuses and media types", (method, path, expected) => {
    const op = operation(spec, method, path);
    expect(Object.keys(op.responses).sort()).toEqual(Object.keys(expected).sort());
    for (const [status, types] of Object.entries(expected)) {
      expect(Object.keys(op.responses[status].content), `${status}`).toEqual(types);
    }
  });

  it("createCheck answers 201 when it creates and 200 when unique matched", () => {
    const op = operation(spec, "post", CHECKS);
    expect(op.responses["201"].description).toMatch(/created/i);
    expect(op.responses["200"].description).toMatch(/unique/);
    expect((firstExample(media(op, "201")) as Record<string, unknown>).status).toBe("new");
  });

  it("401 is JSON {error} and its first example is the real 'missing api key' body", () => {
    for (const [method, path] of OPERATIONS) {
      const m = media(operation(spec, method, path), "401");
      expect(firstExample(m)).toEqual({ error: "missing api key" });
      expect(Object.values(m.examples).map((e: any) => e.value)).toContainEqual({ error: "wrong api key" });
      expect(m.schema.properties.error.enum).toEqual(["missing api key", "wrong api key"]);
      expect(m.schema.required).toEqual(["error"]);
    }
  });

  it("400 JSON carries the server's exact error strings", () => {
    const create = media(operation(spec, "post", CHECKS), "400");
    const values = Object.values(create.examples).map((e: any) => e.value.error);
    expect(firstExample(create)).toEqual({ error: "json validation error: timeout is too small" });
    expect(values).toEqual(
      expect.arrayContaining([
        "json validation error: timeout is too small",
        "json validation error: timeout is too large",
        "json validation error: timeout is not a number",
        "json validation error: grace is too small",
        "json validation error: name is too long",
        "json validation error: schedule is not a valid cron expression",
        "json validation error: tz is not a valid timezone",
        "json validation error: an item in 'unique' has unexpected value",
        "json validation error: value is not an object",
        "could not parse request body",
      ]),
    );
    expect(firstExample(media(operation(spec, "get", CHECKS), "400"))).toEqual({
      error: "could not parse request body",
    });
    expect(firstExample(media(operation(spec, "post", PAUSE), "400"))).toEqual({
      error: "could not parse request body",
    });
  });

  it("the bad-channel 400 of create and update is Django's HTML page", () => {
    for (const path of [CHECKS, CHECK]) {
      const m = media(operation(spec, "post", path), "400", DJANGO_HTML);
      expect(m.schema.type).toBe("string");
      expect(String(firstExample(m))).toContain("Bad Request (400)");
    }
  });

  it("403 and 405 are empty text/html; charset=utf-8 bodies", () => {
    for (const [method, path, status] of [
      ["post", CHECKS, "403"],
      ["post", CHECK, "403"],
      ["delete", CHECK, "403"],
      ["post", PAUSE, "403"],
      ["get", CHECKS, "405"],
      ["post", CHECK, "405"],
      ["post", PAUSE, "405"],
      ["get", CHANNELS, "405"],
    ] as const) {
      const m = media(operation(spec, method, path), status, EMPTY_HTML);
      expect(m.schema).toMatchObject({ type: "string", maxLength: 0 });
      expect(firstExample(m)).toBe("");
    }
  });

  it("404 and 500 are Django HTML pages", () => {
    for (const [method, path] of [
      ["post", CHECK],
      ["delete", CHECK],
      ["post", PAUSE],
    ] as const) {
      expect(String(firstExample(media(operation(spec, method, path), "404", DJANGO_HTML)))).toContain("Not Found");
    }
    for (const [method, path] of [
      ["get", CHECKS],
      ["post", CHECKS],
      ["post", PAUSE],
      ["get", CHANNELS],
    ] as const) {
      expect(String(firstExample(media(operation(spec, method, path), "500", DJANGO_HTML)))).toContain(
        "Server Error (500)",
      );
    }
  });

  it("405 carries Allow where the server sends it: POST on pause, GET on channels, none on the checks URLs", () => {
    const pause = operation(spec, "post", PAUSE).responses["405"].headers.Allow;
    expect(pause.schema.const).toBe("POST");
    expect(pause.schema.examples).toEqual(["POST"]);
    const channels = operation(spec, "get", CHANNELS).responses["405"].headers.Allow;
    expect(channels.schema.const).toBe("GET");
    expect(channels.schema.examples).toEqual(["GET"]);
    expect(operation(spec, "get", CHECKS).responses["405"].headers).toBeUndefined();
    expect(operation(spec, "post", CHECK).responses["405"].headers).toBeUndefined();
  });

  it("success examples use whole-second +00:00 timestamps and always carry channels", () => {
    const list = firstExample(media(operation(spec, "get", CHECKS), "200")) as { checks: Record<string, unknown>[] };
    expect(list.checks).toHaveLength(2);
    for (const c of list.checks) {
      expect(c).toHaveProperty("channels");
      if (c.last_ping !== null) expect(c.last_ping).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    }
    const paused = firstExample(media(operation(spec, "post", PAUSE), "200")) as Record<string, unknown>;
    expect(paused.status).toBe("paused");
    expect(paused).toHaveProperty("channels", "");
  });
});

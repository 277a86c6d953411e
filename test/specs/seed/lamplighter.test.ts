// Seed facts of the Lamplighter Customer API (seeds/002_531cc73602b2dfcf.txt, reference/saas-apis.md §3),
// each asserted against the bundled, dereferenced spec.
import { describe, it, expect } from "vitest";
import { loadSpec, operation } from "../../support/spec.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const spec = await loadSpec("lamplighter");

type Kind = "list" | "get" | "create" | "update" | "delete";
interface Op {
  method: string;
  path: string;
  operationId: string;
  tag: string;
  kind: Kind;
  /** Documented embed names of the endpoint (empty for writes). */
  embeds: string[];
}

const OPS: Op[] = [
  {
    method: "get",
    path: "/company",
    operationId: "getCompany",
    tag: "Company",
    kind: "list",
    embeds: ["sites", "users"],
  },
  {
    method: "get",
    path: "/events",
    operationId: "listEvents",
    tag: "Events",
    kind: "list",
    embeds: ["user", "site", "note", "addon"],
  },
  {
    method: "get",
    path: "/users",
    operationId: "listUsers",
    tag: "Users",
    kind: "list",
    embeds: ["notes", "site_permissions"],
  },
  {
    method: "get",
    path: "/user/{id}",
    operationId: "getUser",
    tag: "Users",
    kind: "get",
    embeds: ["notes", "site_permissions"],
  },
  { method: "post", path: "/user", operationId: "createUser", tag: "Users", kind: "create", embeds: [] },
  { method: "put", path: "/user/{id}", operationId: "updateUser", tag: "Users", kind: "update", embeds: [] },
  { method: "delete", path: "/user/{id}", operationId: "deleteUser", tag: "Users", kind: "delete", embeds: [] },
  {
    method: "get",
    path: "/sites",
    operationId: "listSites",
    tag: "Sites",
    kind: "list",
    embeds: ["notes", "addons", "pagespeeds", "commits"],
  },
  {
    method: "get",
    path: "/site/{id}",
    operationId: "getSite",
    tag: "Sites",
    kind: "get",
    embeds: ["notes", "addons", "pagespeeds", "commits", "timelineEvents"],
  },
  { method: "post", path: "/site", operationId: "createSite", tag: "Sites", kind: "create", embeds: [] },
  { method: "put", path: "/site/{id}", operationId: "updateSite", tag: "Sites", kind: "update", embeds: [] },
  { method: "delete", path: "/site/{id}", operationId: "deleteSite", tag: "Sites", kind: "delete", embeds: [] },
  { method: "get", path: "/notes", operationId: "listNotes", tag: "Notes", kind: "list", embeds: ["site", "user"] },
  { method: "get", path: "/note/{id}", operationId: "getNote", tag: "Notes", kind: "get", embeds: ["site", "user"] },
  { method: "post", path: "/note", operationId: "createNote", tag: "Notes", kind: "create", embeds: [] },
  { method: "put", path: "/note/{id}", operationId: "updateNote", tag: "Notes", kind: "update", embeds: [] },
  { method: "delete", path: "/note/{id}", operationId: "deleteNote", tag: "Notes", kind: "delete", embeds: [] },
];
const READS = OPS.filter((o) => o.method === "get");
const WRITES = OPS.filter((o) => o.method !== "get");

const ERRORS = {
  "400": {
    error: "Object did not pass validation.",
    messages: { email: ["The email format is invalid."], password: ["The password field is required."] },
  },
  "401": { error: "You are not authorized to access this resource." },
  "500": { error: "There was an application error." },
  "503": { error: "This resource is currently down for maintenance." },
} as const;
const RECORD_NOT_FOUND = { error: "Record not found." };
const ENDPOINT_NOT_FOUND = { error: "The specified API endpoint does not exist." };

const json = (op: Record<string, any>, status: string) => op.responses[status].content["application/json"];
const firstExample = (media: Record<string, any>) => Object.values<any>(media.examples)[0].value;
const embedParam = (op: Record<string, any>) =>
  (op.parameters ?? []).find((p: any) => p.name === "embed" && p.in === "query");
const schemaOf = (op: Record<string, any>) => json(op, "200").schema;

describe("Lamplighter: document, server, auth", () => {
  it("is OpenAPI 3.1.0 served from https://api.lamplighter.io", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.servers.map((s: any) => s.url)).toEqual(["https://api.lamplighter.io"]);
  });

  it("uses HTTP Basic (key as user name, secret as password) on every operation", () => {
    expect(spec.components.securitySchemes).toEqual({
      basicAuth: expect.objectContaining({ type: "http", scheme: "basic" }),
    });
    expect(spec.components.securitySchemes.basicAuth.description).toMatch(/key as user name.*secret as password/);
    expect(spec.security).toEqual([{ basicAuth: [] }]);
    for (const o of OPS) {
      const op = operation(spec, o.method, o.path);
      expect(op.security ?? spec.security, o.operationId).toEqual([{ basicAuth: [] }]);
    }
  });

  it("records the read-only-versus-writes contradiction and the sample fixes in the description", () => {
    const d: string = spec.info.description;
    expect(d).toMatch(/## Sources and discrepancies\s[\s\S]*$/);
    expect(d).toMatch(/read-only/);
    for (const fix of ['"cms":"WordPress"', "`data` and `embeds`", "…", '"addon"', "2014-02-29"])
      expect(d).toContain(fix);
  });
});

describe("Lamplighter: the seed's 17 operations", () => {
  it("has exactly these paths and operations", () => {
    const actual = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => `${m} ${path}`),
    );
    expect(actual.sort()).toEqual(OPS.map((o) => `${o.method} ${o.path}`).sort());
  });

  it.each(OPS)("$method $path is $operationId, tagged $tag, with x-source", (o) => {
    const op = operation(spec, o.method, o.path);
    expect(op.operationId).toBe(o.operationId);
    expect(op.tags).toEqual([o.tag]);
    expect(op["x-source"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^seeds\/002_531cc73602b2dfcf\.txt/)]),
    );
  });

  it.each(OPS.filter((o) => o.path.endsWith("{id}")))("$method $path takes an integer path id", (o) => {
    const op = operation(spec, o.method, o.path);
    const params = [...(spec.paths[o.path].parameters ?? []), ...(op.parameters ?? [])];
    expect(params.find((p: any) => p.in === "path")).toMatchObject({
      name: "id",
      required: true,
      schema: { type: "integer" },
    });
  });
});

describe("Lamplighter: status codes and error bodies", () => {
  it.each(OPS)("$method $path declares 200, 401, 404, 500, 503 (and 400 on writes)", (o) => {
    const op = operation(spec, o.method, o.path);
    const expected =
      o.method === "get" ? ["200", "401", "404", "500", "503"] : ["200", "400", "401", "404", "500", "503"];
    expect(Object.keys(op.responses).sort()).toEqual(expected);
  });

  it.each(OPS)("$method $path: error bodies are the seed's texts", (o) => {
    const op = operation(spec, o.method, o.path);
    for (const status of ["401", "500", "503"] as const) {
      expect(firstExample(json(op, status))).toEqual(ERRORS[status]);
      expect(json(op, status).schema).toMatchObject({
        type: "object",
        required: ["error"],
        additionalProperties: false,
      });
    }
    if (o.method !== "get") {
      const bad = json(op, "400");
      expect(firstExample(bad)).toEqual(ERRORS["400"]);
      expect(bad.schema.required).toEqual(["error", "messages"]);
      expect(bad.schema.properties.messages.additionalProperties).toEqual({ type: "array", items: { type: "string" } });
    }
  });

  it.each(OPS)("$method $path: 404 texts (record first where an id is addressed)", (o) => {
    const examples = json(operation(spec, o.method, o.path), "404").examples;
    if (o.path.endsWith("{id}")) {
      expect(Object.keys(examples)).toEqual(["RecordNotFound", "EndpointNotFound"]);
      expect(examples.RecordNotFound.value).toEqual(RECORD_NOT_FOUND);
    } else {
      expect(Object.keys(examples)).toEqual(["EndpointNotFound"]);
    }
    expect(examples.EndpointNotFound.value).toEqual(ENDPOINT_NOT_FOUND);
  });

  it.each(WRITES)("$method $path answers 200 with an empty JSON array", (o) => {
    const ok = json(operation(spec, o.method, o.path), "200");
    expect(ok.schema).toMatchObject({ type: "array", maxItems: 0 });
    expect(firstExample(ok)).toEqual([]);
  });
});

describe("Lamplighter: envelope and embeds", () => {
  it.each(READS)("$method $path: {data, embeds, meta?} envelope listing $embeds", (o) => {
    const op = operation(spec, o.method, o.path);
    const schema = schemaOf(op);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(["data", "embeds", "meta"]);
    expect(schema.required).toEqual(o.path === "/events" ? ["data", "embeds", "meta"] : ["data", "embeds"]);
    expect(schema.properties.embeds).toMatchObject({ type: "array", items: { type: "string" } });
    expect(schema.properties.data.type).toBe(o.kind === "list" && o.path !== "/company" ? "array" : "object");
    expect(firstExample(json(op, "200")).embeds).toEqual(o.embeds);
  });

  it.each(READS)("$method $path: embed query parameter (comma list, dot nesting) naming $embeds", (o) => {
    const p = embedParam(operation(spec, o.method, o.path));
    expect(p).toMatchObject({ in: "query", required: false, schema: { type: "string" } });
    expect(p.schema.enum).toBeUndefined();
    const re = new RegExp(p.schema.pattern);
    for (const ok of ["sites.notes", "addons,notes.user", "notes", "site_permissions", "timelineEvents"])
      expect(re.test(ok), ok).toBe(true);
    for (const bad of ["", "notes,", ".notes", "notes..user", "notes, site"]) expect(re.test(bad), bad).toBe(false);
    for (const name of o.embeds) expect(p.description).toContain(`\`${name}\``);
    const values: string[] = Object.values<any>(p.examples).map((e) => e.value);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      expect(re.test(v), v).toBe(true);
      for (const first of v.split(",").map((part) => part.split(".")[0])) expect(o.embeds).toContain(first);
    }
  });

  it("uses the seed's embed examples", () => {
    expect(Object.values<any>(embedParam(operation(spec, "get", "/company")).examples).map((e) => e.value)).toContain(
      "sites.notes",
    );
    expect(Object.values<any>(embedParam(operation(spec, "get", "/sites")).examples).map((e) => e.value)).toContain(
      "addons,notes.user",
    );
    expect(Object.values<any>(embedParam(operation(spec, "get", "/user/{id}")).examples).map((e) => e.value)).toContain(
      "notes",
    );
  });

  it("embeds a to-many relation inside the object as {data: [...], embeds: [...]} (the user sample with notes)", () => {
    const ok = json(operation(spec, "get", "/user/{id}"), "200");
    const notes = ok.schema.properties.data.properties.notes;
    expect(notes).toMatchObject({ type: "object", required: ["data", "embeds"] });
    expect(notes.properties.data.type).toBe("array");
    const sample = ok.examples.UserWithNotes.value;
    expect(sample.data.notes.data.map((n: any) => n.id)).toEqual([25, 81]);
    expect(sample.data.notes.embeds).toEqual(["site", "user"]);
  });

  it.each([
    ["/company", ["sites", "users"]],
    ["/users", ["notes", "site_permissions"]],
    ["/site/{id}", ["notes", "addons", "pagespeeds", "commits", "timelineEvents"]],
    ["/notes", ["site", "user"]],
    ["/events", ["user", "site", "note", "addon"]],
  ] as const)("%s: the record schema has an optional property per embed name", (path, names) => {
    const data = schemaOf(operation(spec, "get", path)).properties.data;
    const record = data.type === "array" ? data.items : data;
    for (const name of names) {
      expect(record.properties[name], name).toBeDefined();
      expect(record.required).not.toContain(name);
    }
  });
});

describe("Lamplighter: events pagination", () => {
  const op = operation(spec, "get", "/events");

  it("has meta.pagination with total/count/per_page/current_page/total_pages/links", () => {
    const pagination = schemaOf(op).properties.meta.properties.pagination;
    expect(schemaOf(op).properties.meta.required).toEqual(["pagination"]);
    expect(pagination.required).toEqual(["total", "count", "per_page", "current_page", "total_pages", "links"]);
    for (const f of ["total", "count", "per_page", "current_page", "total_pages"])
      expect(pagination.properties[f].type).toBe("integer");
    const [links, empty] = pagination.properties.links.oneOf;
    expect(Object.keys(links.properties)).toEqual(["previous", "next"]);
    expect(links.properties.next).toMatchObject({ type: "string", format: "uri" });
    expect(empty).toMatchObject({ type: "array", maxItems: 0, "x-confidence": "low" });
  });

  it("keeps the seed's pagination values in the first example", () => {
    expect(firstExample(json(op, "200")).meta.pagination).toEqual({
      total: 5538,
      count: 50,
      per_page: 50,
      current_page: 3,
      total_pages: 111,
      links: { previous: "https://api.lamplighter.io/events?page=2", next: "https://api.lamplighter.io/events?page=4" },
    });
    expect(json(op, "200").examples.EventsSinglePage.value.meta.pagination.links).toEqual([]);
  });

  it("has an inferred integer page query parameter", () => {
    const page = op.parameters.find((p: any) => p.name === "page");
    expect(page).toMatchObject({ in: "query", required: false, schema: { type: "integer" } });
    expect(page["x-source"][0]).toMatch(/^inferred/);
    expect(op["x-source"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^inferred - the page query parameter/)]),
    );
  });

  it("documents no pagination on the other lists", () => {
    for (const path of ["/company", "/users", "/sites", "/notes"]) {
      expect((operation(spec, "get", path).parameters ?? []).map((p: any) => p.name)).toEqual(["embed"]);
    }
  });
});

describe("Lamplighter: resource fields", () => {
  const TIMESTAMP = "2013-10-11 14:00:00";
  const record = (path: string) => {
    const data = schemaOf(operation(spec, "get", path)).properties.data;
    return data.type === "array" ? data.items : data;
  };

  it.each([
    ["/company", ["id", "created_at", "updated_at", "name", "subdomain", "plan", "logo"]],
    ["/events", ["id", "created_at", "type", "header", "header_text", "details", "details_text"]],
    [
      "/user/{id}",
      ["id", "created_at", "updated_at", "first_name", "last_name", "email", "avatar", "group", "daily_email"],
    ],
    ["/site/{id}", ["id", "created_at", "updated_at", "name", "url", "cms", "cms_version"]],
    ["/note/{id}", ["id", "created_at", "updated_at", "author_id", "name", "note"]],
  ] as const)("%s: required fields and timestamps without zone", (path, fields) => {
    const r = record(path);
    expect(r.required).toEqual(fields);
    expect(r.additionalProperties).toBe(false);
    expect(r.properties.id.type).toBe("integer");
    for (const ts of ["created_at", "updated_at"].filter((f) => r.properties[f])) {
      expect(r.properties[ts].format).toBeUndefined();
      expect(new RegExp(r.properties[ts].pattern).test(TIMESTAMP)).toBe(true);
      expect(new RegExp(r.properties[ts].pattern).test("2013-10-11T14:00:00Z")).toBe(false);
    }
  });

  it("types note author_id as a string", () => {
    expect(record("/note/{id}").properties.author_id.type).toBe("string");
    expect(record("/notes").properties.author_id.type).toBe("string");
  });

  it("gives users a boolean daily_email and an avatar that may be empty", () => {
    const user = record("/users");
    expect(user.properties.daily_email.type).toBe("boolean");
    expect(user.properties.avatar.anyOf).toEqual([
      { type: "string", format: "uri" },
      { type: "string", maxLength: 0 },
    ]);
    expect(firstExample(json(operation(spec, "get", "/users"), "200")).data.map((u: any) => u.group)).toEqual([
      "Owner",
      "User",
    ]);
  });

  it("gives sites an optional uptime with string percentages for 1, 7, 14, 30 days", () => {
    const site = record("/site/{id}");
    expect(site.required).not.toContain("uptime");
    expect(Object.keys(site.properties.uptime.properties)).toEqual(["1", "7", "14", "30"]);
    expect(site.properties.uptime.additionalProperties).toBe(false);
    for (const k of ["1", "7", "14", "30"]) expect(site.properties.uptime.properties[k].type).toBe("string");
    expect(firstExample(json(operation(spec, "get", "/site/{id}"), "200")).data.uptime).toEqual({
      "1": "100",
      "7": "100",
      "14": "98.7",
      "30": "96.4",
    });
  });

  it("types the response cms as an open string (the enum is only stated for writes)", () => {
    const cms = record("/sites").properties.cms;
    expect(cms.type).toBe("string");
    expect(cms.enum).toBeUndefined();
  });
});

describe("Lamplighter: request bodies", () => {
  const body = (method: string, path: string) => operation(spec, method, path).requestBody;

  it.each([
    ["post", "/user", ["email", "first_name", "last_name", "password", "group_id"], ["password"]],
    ["put", "/user/{id}", ["email", "first_name", "last_name", "password", "group_id"], undefined],
    ["post", "/site", ["name", "url", "cms", "cms_version", "version_control", "admin_url"], undefined],
    ["put", "/site/{id}", ["name", "url", "cms", "cms_version", "version_control", "admin_url"], undefined],
    ["post", "/note", ["user_id", "site_id", "name", "note"], undefined],
    ["put", "/note/{id}", ["user_id", "site_id", "name", "note"], undefined],
  ] as const)("%s %s accepts %j", (method, path, fields, required) => {
    const b = body(method, path);
    expect(b.required).toBe(true);
    const schema = b.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(fields);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(required);
  });

  it("restricts site cms to Craft, ExpressionEngine, None, WordPress on writes", () => {
    for (const [m, p] of [
      ["post", "/site"],
      ["put", "/site/{id}"],
    ] as const) {
      expect(body(m, p).content["application/json"].schema.properties.cms.enum).toEqual([
        "Craft",
        "ExpressionEngine",
        "None",
        "WordPress",
      ]);
    }
  });

  it("types ids as integers and email with its format", () => {
    const user = body("post", "/user").content["application/json"].schema.properties;
    expect(user.group_id.type).toBe("integer");
    expect(user.email).toMatchObject({ type: "string", format: "email" });
    const note = body("post", "/note").content["application/json"].schema.properties;
    expect(note.user_id.type).toBe("integer");
    expect(note.site_id.type).toBe("integer");
  });

  it.each([
    [
      "post",
      "/user",
      { email: "billy@verycompany.wow", first_name: "Billy", last_name: "Baxter", password: "sc0o8YdOo", group_id: 1 },
    ],
    ["put", "/user/{id}", { password: "4nDscrApPy2", group_id: 2 }],
    [
      "post",
      "/site",
      {
        name: "Super Amazing Client Site",
        url: "http://superamazingclient.site",
        cms: "ExpressionEngine",
        cms_version: "5.0.4",
        version_control: "bitbucket",
        admin_url: "http://superamazingclient.site/manage_admin",
      },
    ],
    ["put", "/site/{id}", { cms_version: "6.0.0", version_control: "github" }],
    [
      "post",
      "/note",
      { user_id: 50, site_id: 105, name: "Office Contact Person", note: "<p>Thurman Merman (616) 555-1010</p>" },
    ],
    ["put", "/note/{id}", { name: "Primary Office Contact Person", note: "<p>Thurman Merman (616) 555-1035</p>" }],
  ] as const)("%s %s: the seed's request body is the first example", (method, path, sample) => {
    expect(firstExample(body(method, path).content["application/json"])).toEqual(sample);
  });
});

describe("Lamplighter: fixed seed samples", () => {
  it("fixes the impossible 2014-02-29 of the company sample", () => {
    expect(firstExample(json(operation(spec, "get", "/company"), "200")).data.updated_at).toBe("2014-02-28 17:58:00");
  });
  it("keeps both sites of the /sites sample (missing comma fixed)", () => {
    const sites = firstExample(json(operation(spec, "get", "/sites"), "200")).data;
    expect(sites.map((s: any) => [s.id, s.cms, s.cms_version])).toEqual([
      [1, "ExpressionEngine", "2.5.5"],
      [2, "WordPress", "4.0.0"],
    ]);
  });
  it("keeps data and embeds of the /note/{id} sample (missing comma fixed)", () => {
    const note = firstExample(json(operation(spec, "get", "/note/{id}"), "200"));
    expect(note.data.id).toBe(3205);
    expect(note.embeds).toEqual(["site", "user"]);
  });
  it("keeps the two events of the /events sample (ellipsis and trailing comma removed)", () => {
    const events = firstExample(json(operation(spec, "get", "/events"), "200"));
    expect(events.data.map((e: any) => e.id)).toEqual([39905, 39903]);
    expect(events.embeds).toEqual(["user", "site", "note", "addon"]);
  });
});

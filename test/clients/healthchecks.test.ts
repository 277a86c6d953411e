// Healthchecks ensureCheck (createCheck with `unique`: 201 created / 200 matched) against a local
// stand-in that implements the server's matching rule.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createHealthchecksClient, ensureCheck } from "../../generated/healthchecks/index.js";
import { caught, expectNoSecrets, startServer, type Reply, type TestServer } from "./server.js";

const API_KEY = "hc-key-0123456789abcdef0123456789"; // 32 characters, like a real key
const CHECKS = "/api/v1/checks/";

let server: TestServer;
let stored: Record<string, unknown>[];

function serveChecks() {
  stored = [];
  server.handle((req): Reply => {
    if (req.path !== CHECKS || req.method !== "POST") return { status: 405, text: "" };
    if (req.headers["x-api-key"] !== API_KEY) return { status: 401, json: { error: "wrong api key" } };
    const body = JSON.parse(req.body || "{}") as Record<string, unknown> & { unique?: string[] };
    const { unique = [], ...fields } = body;
    const match = unique.length > 0 ? stored.find((c) => unique.every((f) => c[f] === fields[f])) : undefined;
    if (match) {
      Object.assign(match, fields);
      return { status: 200, json: match };
    }
    const uuid = randomUUID();
    const check = {
      name: "",
      tags: "",
      grace: 3600,
      timeout: 86400,
      n_pings: 0,
      status: "new",
      channels: "",
      last_ping: null,
      next_ping: null,
      ping_url: `https://hc-ping.com/${uuid}`,
      update_url: `${server.url}/api/v1/checks/${uuid}`,
      pause_url: `${server.url}/api/v1/checks/${uuid}/pause`,
      ...fields,
    };
    stored.push(check);
    return { status: 201, json: check };
  });
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => serveChecks());

const client = (apiKey = API_KEY) => createHealthchecksClient({ baseUrl: server.url, apiKey });

describe("healthchecks ensureCheck", () => {
  it("creates the check the first time (201) and matches it afterwards (200)", async () => {
    const api = client();
    const first = await ensureCheck(api, { name: "backups", tags: "prod", timeout: 3600 }, ["name"]);
    expect(first.created).toBe(true);
    expect(first.check).toMatchObject({ name: "backups", tags: "prod", timeout: 3600 });

    const second = await ensureCheck(api, { name: "backups", tags: "prod nightly", timeout: 3600 }, ["name"]);
    expect(second.created).toBe(false);
    expect(second.check.ping_url).toBe(first.check.ping_url);
    expect(second.check.tags).toBe("prod nightly"); // the match is updated with the fields
    expect(stored).toHaveLength(1);

    expect(server.requests.map((r) => [r.method, r.path, r.headers["x-api-key"], JSON.parse(r.body)])).toEqual([
      ["POST", CHECKS, API_KEY, { name: "backups", tags: "prod", timeout: 3600, unique: ["name"] }],
      ["POST", CHECKS, API_KEY, { name: "backups", tags: "prod nightly", timeout: 3600, unique: ["name"] }],
    ]);
  });

  it("matches on every listed field", async () => {
    const api = client();
    const a = await ensureCheck(api, { name: "db", tags: "eu" }, ["name", "tags"]);
    const b = await ensureCheck(api, { name: "db", tags: "us" }, ["name", "tags"]);
    const c = await ensureCheck(api, { name: "db", tags: "eu", grace: 120 }, ["name", "tags"]);
    expect([a.created, b.created, c.created]).toEqual([true, true, false]);
    expect(c.check.ping_url).toBe(a.check.ping_url);
    expect(c.check.grace).toBe(120);
    expect(stored).toHaveLength(2);
  });

  it("refuses an empty or unsupplied `unique` before any request", async () => {
    const api = client();
    await expect(ensureCheck(api, { name: "x" }, [])).rejects.toThrow(TypeError);
    const fields: { name?: string; timeout?: number } = { name: "x" };
    await expect(ensureCheck(api, fields, ["timeout"])).rejects.toThrow(
      "ensureCheck: unique field(s) timeout not given in fields",
    );
    expect(server.requests).toHaveLength(0);
    const typeOnly = () => {
      // @ts-expect-error `grace` is listed in unique but not given in fields
      void ensureCheck(api, { name: "x" }, ["grace"]);
    };
    expect(typeof typeOnly).toBe("function");
  });

  it("throws ApiError without the API key when the key is wrong", async () => {
    const wrong = "hc-wrong-key-abcdefabcdefabcdef0123";
    const error = await caught(() => ensureCheck(client(wrong), { name: "x" }, ["name"]));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(error.message).toBe(`POST ${server.url}${CHECKS} failed with HTTP 401: wrong api key`);
    expectNoSecrets(error, [wrong, API_KEY]);
  });
});

describe("healthchecks errors with an empty body", () => {
  it("a 403 with an empty body (another account's check) has a defined, non-empty string error", async () => {
    server.handle(() => ({ status: 403, headers: { "Content-Type": "text/html; charset=utf-8" }, text: "" }));
    const client = createHealthchecksClient({ baseUrl: server.url, apiKey: API_KEY });
    const { data, error, response } = await client.POST("/api/v1/checks/{code}/pause", {
      params: { path: { code: randomUUID() } },
    });
    expect(response.status).toBe(403);
    expect(data).toBeUndefined();
    expect(error).toBe("HTTP 403 Forbidden");
    const seen: string[] = [];
    if (error) seen.push(typeof error);
    expect(seen).toEqual(["string"]);
  });

  it("a JSON error body is left as the server sent it", async () => {
    server.handle(() => ({ status: 401, json: { error: "wrong api key" } }));
    const client = createHealthchecksClient({ baseUrl: server.url, apiKey: API_KEY });
    const { error } = await client.GET("/api/v1/checks/");
    expect(error).toEqual({ error: "wrong api key" });
  });
});

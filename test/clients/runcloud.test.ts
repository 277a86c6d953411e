// RunCloud auto-pagination (page/perPage, meta.pagination) and 429 retries against a local test
// server: what only RunCloud does. The contract all paginated APIs keep is in pagination.test.ts.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiError,
  createRunCloudClient,
  IDEMPOTENT_METHODS,
  paginate,
  RETRY_DEFAULTS,
  unwrap,
  type components,
  type ListItem,
  type ListPath,
  type RetryOptions,
} from "../../generated/runcloud/index.js";
import {
  collect,
  RUNCLOUD_BASIC as BASIC,
  RUNCLOUD_KEY as KEY,
  RUNCLOUD_SECRET as SECRET,
  RUNCLOUD_TOKEN as TOKEN,
  runcloudClient,
  runcloudList,
  servers,
} from "./paginated-apis.js";
import { caught, expectNoSecrets, startServer, type Recorded, type Reply, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** A client whose retries never really wait: random() is 0.5, so jitter 0.5 gives 75% of each delay. */
const client = (retry?: RetryOptions | false, auth?: "basic" | "token") => runcloudClient(server.url, retry, auth);

/** Serves `all` at `path` with RunCloud's envelope. */
const serveList = (all: unknown[], path?: string) => server.handle(runcloudList(all, path));

const pages = (requests: Recorded[]) =>
  requests.map((r) => `${r.method} ${r.path}?page=${r.query.get("page")}&perPage=${r.query.get("perPage")}`);

describe("runcloud paginate: types", () => {
  it("accepts only paginated list paths, yields their item type, and needs the path parameters", () => {
    expectTypeOf<ListPath>().toEqualTypeOf<
      | "/servers"
      | "/servers/shared"
      | "/servers/{serverId}/php/version"
      | "/servers/{serverId}/databases"
      | "/servers/{serverId}/databases/{databaseId}/grant"
      | "/servers/{serverId}/databaseusers"
      | "/servers/{serverId}/users"
      | "/servers/{serverId}/sshcredentials"
      | "/servers/{serverId}/cronjobs"
      | "/servers/{serverId}/supervisors"
      | "/servers/{serverId}/supervisors/binaries"
      | "/servers/{serverId}/services"
      | "/servers/{serverId}/security/firewalls"
      | "/servers/{serverId}/security/fail2ban/blockedip"
      | "/servers/{serverId}/webapps"
      | "/servers/{serverId}/webapps/{webAppId}/log"
      | "/servers/{serverId}/webapps/{webAppId}/domains"
      | "/settings/externalapi"
      | "/static/databases/collations"
      | "/static/timezones"
      | "/static/webapps/installers"
    >();
    expectTypeOf<ListItem<"/servers">["name"]>().toEqualTypeOf<components["schemas"]["Server"]["name"]>();
    expectTypeOf<ListItem<"/servers/{serverId}/databases">["id"]>().toEqualTypeOf<
      components["schemas"]["Database"]["id"]
    >();
    const typeOnly = () => {
      // @ts-expect-error GET /ping is not a list
      void paginate(client().api, "/ping");
      // @ts-expect-error a single server is not a list
      void paginate(client().api, "/servers/{serverId}", { params: { path: { serverId: 1 } } });
      // @ts-expect-error serverId is required
      void paginate(client().api, "/servers/{serverId}/databases");
    };
    expect(typeof typeOnly).toBe("function");
  });
});

describe("runcloud paginate: page sequences", () => {
  // perPage 40 (the default and cap): 0, 1, exactly a page, a page + 1, 2.5 pages
  it.each([
    [0, [1]],
    [1, [1]],
    [40, [1]],
    [41, [1, 2]],
    [100, [1, 2, 3]],
  ])("%i servers: every item once, pages %j of 40", async (n, expected) => {
    serveList(servers(n));
    const { api } = client();
    const seen = await collect(paginate(api, "/servers"));
    expect(seen.map((s) => s.id)).toEqual(servers(n).map((s) => s.id));
    expect(pages(server.requests)).toEqual(expected.map((p) => `GET /servers?page=${p}&perPage=40`));
  });

  it("caps perPage at 40, starts at the caller's page, keeps search and path parameters", async () => {
    serveList(servers(130), "/servers/7/databases");
    const { api } = client();
    const seen = await collect(
      paginate(api, "/servers/{serverId}/databases", {
        params: { path: { serverId: 7 }, query: { perPage: 100, page: 2, search: "db" } },
      }),
    );
    expect(seen.map((s) => s.id)).toEqual(
      servers(130)
        .slice(40)
        .map((s) => s.id),
    );
    expect(pages(server.requests)).toEqual([2, 3, 4].map((p) => `GET /servers/7/databases?page=${p}&perPage=40`));
    expect(server.requests.every((r) => r.query.get("search") === "db")).toBe(true);
  });

  it("keeps a smaller perPage (7 items, 3 a page)", async () => {
    serveList(servers(7));
    const { api } = client();
    const seen = await collect(paginate(api, "/servers", { params: { query: { perPage: 3 } } }));
    expect(seen.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages(server.requests)).toEqual([1, 2, 3].map((p) => `GET /servers?page=${p}&perPage=3`));
  });
});

describe("runcloud headers", () => {
  it("sends Accept: application/json on every request, as the seed requires, unless the caller sets one", async () => {
    server.handle(() => ({ json: { id: 1, name: "ok" } }));
    const { api } = client(false);
    await api.GET("/servers/{serverId}", { params: { path: { serverId: 1 } } });
    await api.DELETE("/servers/{serverId}", { params: { path: { serverId: 1 } } });
    await api.GET("/servers/{serverId}", {
      params: { path: { serverId: 1 } },
      headers: { Accept: "application/vnd.example+json" },
    });
    expect(server.requests.map((r) => r.headers.accept)).toEqual([
      "application/json",
      "application/json",
      "application/vnd.example+json",
    ]);
  });
});

/** Answers `replies` in order, then 200 `{ok}` for ever. */
function sequence(...replies: Reply[]) {
  let i = 0;
  server.handle(() => replies[i++] ?? { headers: { "X-RateLimit-Remaining": "10" }, json: { id: 1, name: "ok" } });
}
const tooMany = (headers: Record<string, string> = {}): Reply => ({
  status: 429,
  headers: { "X-RateLimit-Limit": "60", ...headers },
  json: { message: "Too Many Attempts." },
});

describe("runcloud retry on 429", () => {
  it("has safe defaults", () => {
    expect(RETRY_DEFAULTS).toEqual({
      attempts: 4,
      baseDelayMs: 2000,
      maxDelayMs: 60_000,
      jitter: 0.5,
      statuses: [429],
    });
    expect(IDEMPOTENT_METHODS).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
  });

  it("with X-RateLimit-Remaining: 0, backs off exponentially with jitter and succeeds", async () => {
    sequence(tooMany({ "X-RateLimit-Remaining": "0" }), tooMany({ "X-RateLimit-Remaining": "0" }));
    const { api, waits, events } = client();
    const server1 = unwrap(await api.GET("/servers/{serverId}", { params: { path: { serverId: 1 } } }));
    expect(server1).toEqual({ id: 1, name: "ok" });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1500, 3000]); // 2000 and 4000, each 75%
    expect(events.map((e) => [e.attempt, e.status, e.method, e.url])).toEqual([
      [1, 429, "GET", `${server.url}/servers/1`],
      [2, 429, "GET", `${server.url}/servers/1`],
    ]);
  });

  it("with X-RateLimit-Remaining above 0, retries after the base delay only", async () => {
    sequence(
      tooMany({ "X-RateLimit-Remaining": "5" }),
      tooMany({ "X-RateLimit-Remaining": "5" }),
      tooMany({ "X-RateLimit-Remaining": "0" }),
    );
    const { api, waits } = client({ baseDelayMs: 100 });
    const { response } = await api.GET("/ping");
    expect(response.status).toBe(200);
    expect(waits).toEqual([75, 75, 300]);
  });

  it("without any rate-limit header, backs off exponentially up to maxDelayMs", async () => {
    sequence(tooMany(), tooMany(), tooMany());
    const { api, waits } = client({ baseDelayMs: 1000, maxDelayMs: 3000, jitter: 0 });
    const { response } = await api.GET("/ping");
    expect(response.status).toBe(200);
    expect(waits).toEqual([1000, 2000, 3000]);
  });

  it("waits what Retry-After says (seconds or a date), even with remaining 0", async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    sequence(tooMany({ "Retry-After": "7", "X-RateLimit-Remaining": "0" }), tooMany({ "Retry-After": inTwoSeconds }));
    const { api, waits } = client();
    const { response } = await api.GET("/ping");
    expect(response.status).toBe(200);
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBeGreaterThan(0);
    expect(waits[1]).toBeLessThanOrEqual(2000);
  });

  it("returns the 429 at once when Retry-After is longer than maxDelayMs", async () => {
    sequence(tooMany({ "Retry-After": "120" }));
    const { api, waits } = client();
    const { response } = await api.GET("/ping");
    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("gives up after `attempts` and throws ApiError 429 without credentials", async () => {
    server.handle(() => tooMany({ "X-RateLimit-Remaining": "0" }));
    const { api, waits } = client();
    const error = await caught(async () => unwrap(await api.GET("/servers")));
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([1500, 3000, 6000]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(error.message).toBe(`GET ${server.url}/servers failed with HTTP 429: Too Many Attempts.`);
    expectNoSecrets(error, [SECRET, KEY, BASIC, BASIC.slice(6)]);
    expect(server.requests.every((r) => r.headers.authorization === BASIC)).toBe(true);
  });

  it("keeps a bearer token out of errors too", async () => {
    server.handle(() => tooMany());
    const { api } = client({ attempts: 2 });
    const error = await caught(async () => unwrap(await api.GET("/servers")));
    expect(server.requests).toHaveLength(2);
    expectNoSecrets(error, [TOKEN]);
  });

  it("does not retry POST or PATCH by default", async () => {
    sequence(tooMany());
    const { api, waits } = client();
    const created = await api.POST("/servers", { body: { name: "web-1", ipAddress: "10.0.0.9" } });
    expect(created.response.status).toBe(429);
    sequence(tooMany());
    const patched = await api.PATCH("/servers/{serverId}/settings/meta", {
      params: { path: { serverId: 1 } },
      body: { name: "x" },
    });
    expect(patched.response.status).toBe(429);
    expect(server.requests.map((r) => r.method)).toEqual(["PATCH"]);
    expect(waits).toEqual([]);
  });

  it("retries POST when the caller opts in, sending the same body each time", async () => {
    sequence(tooMany(), tooMany());
    const { api, waits } = client({ methods: [...IDEMPOTENT_METHODS, "post"] });
    const created = await api.POST("/servers", { body: { name: "web-1", ipAddress: "10.0.0.9" } });
    expect(created.response.status).toBe(200);
    expect(server.requests.map((r) => [r.method, JSON.parse(r.body)])).toEqual(
      Array(3).fill(["POST", { name: "web-1", ipAddress: "10.0.0.9" }]),
    );
    expect(waits).toHaveLength(2);
  });

  it("retries an idempotent PUT with its body", async () => {
    sequence(tooMany());
    const { api } = client();
    const { response } = await api.PUT("/servers/{serverId}/security/firewalls", { params: { path: { serverId: 3 } } });
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /servers/3/security/firewalls",
      "PUT /servers/3/security/firewalls",
    ]);
  });

  it("does nothing with retry: false", async () => {
    sequence(tooMany({ "X-RateLimit-Remaining": "5" }));
    const { api } = client(false);
    const { response } = await api.GET("/ping");
    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it("leaves other statuses alone, and retries 503 only when listed", async () => {
    sequence({ status: 503, json: { message: "down" } });
    const { api } = client();
    expect((await api.GET("/ping")).response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    sequence({ status: 503, json: { message: "down" } });
    const listed = client({ statuses: [429, 503] });
    expect((await listed.api.GET("/ping")).response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("rejects nonsense options when the client is created", () => {
    expect(() => createRunCloudClient({ baseUrl: server.url, retry: { attempts: 0 } })).toThrow(RangeError);
    expect(() => createRunCloudClient({ baseUrl: server.url, retry: { jitter: 2 } })).toThrow(RangeError);
  });

  it("stops waiting when the request is aborted (real timers)", async () => {
    server.handle(() => tooMany());
    const api = createRunCloudClient({ baseUrl: server.url, retry: { baseDelayMs: 60_000 } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    const error = await caught(() => api.GET("/ping", { signal: controller.signal }));
    expect(error.message).toBe("stop");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });
});

// Lamplighter auto-pagination of GET /events (page, meta.pagination and its links) and 503 retries
// against a local test server: what only Lamplighter does. The contract all paginated APIs keep is
// in pagination.test.ts.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiError,
  paginate,
  RETRY_DEFAULTS,
  unwrap,
  type components,
  type ListItem,
  type ListPath,
  type RetryOptions,
} from "../../generated/lamplighter/index.js";
import {
  collect,
  events,
  LAMPLIGHTER_BASIC as BASIC,
  LAMPLIGHTER_KEY as KEY,
  LAMPLIGHTER_SECRET as SECRET,
  lamplighterClient,
  lamplighterEvents,
} from "./paginated-apis.js";
import { caught, expectNoSecrets, startServer, type Recorded, type Reply, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const client = (retry?: RetryOptions | false) => lamplighterClient(server.url, retry);

/** Serves `all` as Lamplighter's /events, `perPage` a page (the server's choice). */
const serveEvents = (all: unknown[], perPage?: number, linkStyle?: "full" | "linksOnly") =>
  server.handle(lamplighterEvents(all, perPage, linkStyle));

const pages = (requests: Recorded[]) => requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}`);

describe("lamplighter paginate: types", () => {
  it("accepts only /events (the one paginated list) and yields events", () => {
    expectTypeOf<ListPath>().toEqualTypeOf<"/events">();
    expectTypeOf<ListItem<"/events">["header_text"]>().toEqualTypeOf<components["schemas"]["Event"]["header_text"]>();
    const typeOnly = () => {
      // @ts-expect-error /users is not paginated in the spec
      void paginate(client().api, "/users");
    };
    expect(typeof typeOnly).toBe("function");
  });
});

describe("lamplighter paginate: page sequences", () => {
  // 4 a page: 0, 1, exactly a page, a page + 1, 2.5 pages
  it.each([
    [0, [1]],
    [1, [1]],
    [4, [1]],
    [5, [1, 2]],
    [10, [1, 2, 3]],
  ])("%i events: every item once, pages %j", async (n, expected) => {
    serveEvents(events(n));
    const { api } = client();
    const seen = await collect(paginate(api, "/events"));
    expect(seen.map((e) => e.id)).toEqual(events(n).map((e) => e.id));
    expect(pages(server.requests)).toEqual(expected.map((p) => `GET /events?page=${p}`));
  });

  it("follows links.next when total_pages is missing, and keeps `embed`", async () => {
    serveEvents(events(9), 4, "linksOnly");
    const { api } = client();
    const seen = await collect(paginate(api, "/events", { params: { query: { embed: "user,site" } } }));
    expect(seen).toHaveLength(9);
    expect(pages(server.requests)).toEqual([1, 2, 3].map((p) => `GET /events?embed=user%2Csite&page=${p}`));
  });

  it("takes the next page number from links.next", async () => {
    // A server whose pages run 1, 3, 5 (odd numbers only): links.next is the authority.
    server.handle((req) => {
      const page = Number(req.query.get("page"));
      const next = page < 5 ? { next: `https://api.lamplighter.io/events?page=${page + 2}` } : {};
      return {
        json: {
          data: events(1).map((e) => ({ ...e, id: page })),
          embeds: [],
          meta: { pagination: { total: 3, count: 1, per_page: 1, current_page: page, total_pages: 5, links: next } },
        },
      };
    });
    const { api } = client();
    const ids = (await collect(paginate(api, "/events"))).map((e) => e.id);
    expect(ids).toEqual([1, 3, 5]);
    expect(pages(server.requests)).toEqual(["GET /events?page=1", "GET /events?page=3", "GET /events?page=5"]);
  });

  it("starts at the caller's page", async () => {
    serveEvents(events(10));
    const { api } = client();
    const ids = (await collect(paginate(api, "/events", { params: { query: { page: 2 } } }))).map((e) => e.id);
    expect(ids).toEqual(
      events(10)
        .slice(4)
        .map((e) => e.id),
    );
    expect(pages(server.requests)).toEqual(["GET /events?page=2", "GET /events?page=3"]);
  });
});

const maintenance = (headers: Record<string, string> = {}): Reply => ({
  status: 503,
  headers,
  json: { error: "Down for maintenance." },
});
function sequence(...replies: Reply[]) {
  let i = 0;
  server.handle(() => replies[i++] ?? { json: [] });
}

describe("lamplighter retry on 503", () => {
  it("has safe defaults", () => {
    expect(RETRY_DEFAULTS).toEqual({
      attempts: 3,
      baseDelayMs: 2000,
      maxDelayMs: 30_000,
      jitter: 0.5,
      statuses: [503],
    });
  });

  it("retries a GET through maintenance with jittered backoff", async () => {
    sequence(maintenance(), maintenance());
    const { api, waits } = client();
    const { response } = await api.GET("/users");
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1500, 3000]);
  });

  it("honours Retry-After", async () => {
    sequence(maintenance({ "Retry-After": "12" }));
    const { api, waits } = client();
    expect((await api.GET("/sites")).response.status).toBe(200);
    expect(waits).toEqual([12_000]);
  });

  it("returns the 503 at once when Retry-After is beyond maxDelayMs (a long maintenance)", async () => {
    sequence(maintenance({ "Retry-After": "600" }));
    const { api, waits } = client();
    expect((await api.GET("/sites")).response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    sequence(maintenance({ "Retry-After": "600" }));
    const patient = client({ maxDelayMs: 600_000 });
    expect((await patient.api.GET("/sites")).response.status).toBe(200);
    expect(patient.waits).toEqual([600_000]);
  });

  it("gives up after 3 attempts with ApiError 503, without credentials", async () => {
    server.handle(() => maintenance());
    const { api, waits } = client();
    const error = await caught(async () => unwrap(await api.GET("/company")));
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1500, 3000]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(error.message).toBe(`GET ${server.url}/company failed with HTTP 503: Down for maintenance.`);
    expectNoSecrets(error, [KEY, SECRET, BASIC, BASIC.slice(6)]);
  });

  it("does not retry a POST unless opted in; then the body is sent again", async () => {
    sequence(maintenance());
    const plain = client();
    expect((await plain.api.POST("/note", { body: { body: "hello", site_id: 3 } })).response.status).toBe(503);
    expect(server.requests).toHaveLength(1);

    sequence(maintenance());
    const optedIn = client({ methods: ["GET", "POST"] });
    expect((await optedIn.api.POST("/note", { body: { body: "hello", site_id: 3 } })).response.status).toBe(200);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { body: "hello", site_id: 3 },
      { body: "hello", site_id: 3 },
    ]);
  });

  it("does not retry with retry: false", async () => {
    sequence(maintenance());
    const { api } = client(false);
    expect((await api.GET("/users")).response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });
});

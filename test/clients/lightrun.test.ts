// Lightrun auto-pagination (offset/limit, PublicApiPage envelope) against a local test server: what
// only Lightrun does. The contract all paginated APIs keep is in pagination.test.ts.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { MAX_LIMIT, paginate, type components, type ListItem, type ListPath } from "../../generated/lightrun/index.js";
import { collect, lightrunClient, lightrunList, packages } from "./paginated-apis.js";
import { startServer, type Recorded, type TestServer } from "./server.js";

const WATCHED = "/api/v1/watched-packages";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const client = () => lightrunClient(server.url);

/** Serves `all` as Lightrun does; `envelope` picks which paging fields the answer carries. */
const serveList = (all: unknown[], envelope?: "full" | "totalOnly" | "bare") =>
  server.handle(lightrunList(all, envelope));

const pages = (requests: Recorded[]) =>
  requests.map((r) => `${r.method} ${r.path}?offset=${r.query.get("offset")}&limit=${r.query.get("limit")}`);

describe("lightrun paginate: types", () => {
  it("accepts only the offset-paginated list paths and yields their item type", () => {
    expectTypeOf<ListPath>().toEqualTypeOf<
      | "/api/v1/watched-packages"
      | "/api/v1/loaded-packages"
      | "/api/v1/agent-pools"
      | "/api/v1/actions"
      | "/api/v1/actions/logs/{actionId}/messages"
      | "/api/v1/agents"
      | "/api/v1/custom-sources"
      | "/api/v1/debug-cases"
      | "/api/v1/groups"
      | "/api/v1/tags"
      | "/api/v1/temp-access"
      | "/api/v1/users"
    >();
    expectTypeOf<ListItem<"/api/v1/agent-pools">>().toHaveProperty("name");
    expectTypeOf<ListItem<typeof WATCHED>["packageName"]>().toEqualTypeOf<
      components["schemas"]["WatchedPackage"]["packageName"]
    >();
    const typeOnly = () => {
      // @ts-expect-error getSbom is not a list operation
      void paginate(client(), "/api/v1/sbom");
      // @ts-expect-error POST-only paths are not list operations
      void paginate(client(), "/api/v1/agent-pools/{id}/detach-agents");
    };
    expect(typeof typeOnly).toBe("function");
  });
});

describe("lightrun paginate: page sequences", () => {
  // limit 4: 0, 1, exactly a page, a page + 1, 2.5 pages
  it.each([
    [0, ["offset=0&limit=4"]],
    [1, ["offset=0&limit=4"]],
    [4, ["offset=0&limit=4"]],
    [5, ["offset=0&limit=4", "offset=4&limit=4"]],
    [10, ["offset=0&limit=4", "offset=4&limit=4", "offset=8&limit=4"]],
  ])("%i items, limit 4: every item once, requests %j", async (n, expected) => {
    serveList(packages(n));
    const seen = await collect(paginate(client(), WATCHED, { params: { query: { limit: 4 } } }));
    expect(seen.map((p) => p.id)).toEqual(packages(n).map((p) => p.id));
    expect(pages(server.requests)).toEqual(expected.map((q) => `GET ${WATCHED}?${q}`));
  });

  it("asks for 1000 a page by default, never more, and stops at 2.5 pages", async () => {
    serveList(packages(2500));
    const seen = await collect(paginate(client(), "/api/v1/agent-pools"));
    expect(seen).toHaveLength(2500);
    expect(new Set(seen.map((p) => p.id)).size).toBe(2500);
    expect(pages(server.requests)).toEqual([
      "GET /api/v1/agent-pools?offset=0&limit=1000",
      "GET /api/v1/agent-pools?offset=1000&limit=1000",
      "GET /api/v1/agent-pools?offset=2000&limit=1000",
    ]);
  });

  it("pages a list under a path parameter (a log action's messages), filling the path on every page", async () => {
    serveList(Array.from({ length: 5 }, (_, i) => ({ actionId: "a1", data: `line ${i}`, level: "INFO" })));
    const seen = await collect(
      paginate(client(), "/api/v1/actions/logs/{actionId}/messages", {
        params: { path: { actionId: "a1" }, query: { limit: 2, agentName: "payments" } },
      }),
    );
    expectTypeOf(seen[0]!).toHaveProperty("level");
    expect(seen.map((m) => m.data)).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4"]);
    expect(pages(server.requests)).toEqual(
      [0, 2, 4].map((o) => `GET /api/v1/actions/logs/a1/messages?offset=${o}&limit=2`),
    );
    expect(server.requests.every((r) => r.query.get("agentName") === "payments")).toBe(true);
  });

  it("caps a larger limit at 1000 and starts at the caller's offset, keeping other query parameters", async () => {
    serveList(packages(1500));
    const seen = await collect(
      paginate(client(), "/api/v1/agent-pools", { params: { query: { limit: 5000, offset: 200, name: "prod" } } }),
    );
    expect(seen.map((p) => p.id)).toEqual(
      packages(1500)
        .slice(200)
        .map((p) => p.id),
    );
    expect(pages(server.requests)).toEqual([
      "GET /api/v1/agent-pools?offset=200&limit=1000",
      "GET /api/v1/agent-pools?offset=1200&limit=1000",
    ]);
    expect(
      server.requests.every((r) => r.query.get("name") === "prod" && Number(r.query.get("limit")) <= MAX_LIMIT),
    ).toBe(true);
  });

  it("without hasMore, ends when offset reaches total", async () => {
    serveList(packages(8), "totalOnly");
    const seen = await collect(paginate(client(), WATCHED, { params: { query: { limit: 4 } } }));
    expect(seen).toHaveLength(8);
    expect(pages(server.requests)).toEqual([`GET ${WATCHED}?offset=0&limit=4`, `GET ${WATCHED}?offset=4&limit=4`]);
  });

  it("without hasMore or total, ends on a short page", async () => {
    serveList(packages(6), "bare");
    const seen = await collect(paginate(client(), WATCHED, { params: { query: { limit: 4 } } }));
    expect(seen).toHaveLength(6);
    expect(pages(server.requests)).toEqual([`GET ${WATCHED}?offset=0&limit=4`, `GET ${WATCHED}?offset=4&limit=4`]);
  });

  it("follows the items actually served when the server sends fewer than the limit", async () => {
    const all = packages(7);
    server.handle((req) => {
      const offset = Number(req.query.get("offset"));
      const items = all.slice(offset, offset + 3); // the server caps pages at 3
      return { json: { items, total: 7, offset, limit: 3, hasMore: offset + items.length < 7 } };
    });
    const seen = await collect(paginate(client(), WATCHED, { params: { query: { limit: 10 } } }));
    expect(seen.map((p) => p.id)).toEqual(all.map((p) => p.id));
    expect(pages(server.requests)).toEqual([
      `GET ${WATCHED}?offset=0&limit=10`,
      `GET ${WATCHED}?offset=3&limit=10`,
      `GET ${WATCHED}?offset=6&limit=10`,
    ]);
  });
});

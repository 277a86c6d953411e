// The contract every generated `paginate` keeps, run once per API (Lightrun's offset/limit,
// RunCloud's page/perPage, Lamplighter's page and links.next) against a local test server:
// lazy, `break` stops the requests, never a page twice, a failed page throws the one ApiError
// without credentials, and pages ride through the client's retries. What only one API does (its
// page-sequence tables, caps, envelope fallbacks, list path types) stays in that API's file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paginate as paginateLamplighter } from "../../generated/lamplighter/index.js";
import { paginate as paginateLightrun } from "../../generated/lightrun/index.js";
import { paginate as paginateRunCloud } from "../../generated/runcloud/index.js";
import { ApiError, PaginationError } from "../../generated/runtime/index.js";
import {
  collect,
  events,
  LAMPLIGHTER_BASIC,
  LAMPLIGHTER_KEY,
  LAMPLIGHTER_SECRET,
  lamplighterClient,
  lamplighterEvents,
  LIGHTRUN_TOKEN,
  lightrunClient,
  lightrunList,
  packages,
  RUNCLOUD_BASIC,
  RUNCLOUD_KEY,
  RUNCLOUD_SECRET,
  runcloudClient,
  runcloudList,
  servers,
} from "./paginated-apis.js";
import {
  caught,
  expectNoSecrets,
  startServer,
  type Handler,
  type Recorded,
  type Reply,
  type TestServer,
} from "./server.js";

/** How the contract reaches one API. Every list here is served and read 4 items a page. */
interface PaginatedApi {
  name: string;
  /** The ids of a list of `n` items, in order. */
  ids(n: number): unknown[];
  /** Answers a list of `n` items, 4 a page, in the API's envelope (401 without its credentials). */
  list(n: number): Handler;
  /** A new client's `paginate` over the list, asking for 4 a page where the API takes a page size, and the retry waits it recorded. */
  paginate(baseUrl: string): { items: AsyncGenerator<{ id?: unknown }, void, undefined>; waits: number[] };
  /** The request for page `index` (from 0), as `requested` writes it. */
  request(index: number): string;
  /** Every credential the client sends: none may show in an error. */
  secrets: string[];
  /** A server whose paging data points back to a page already fetched; the cursor PaginationError names; the requests made before it. */
  stuck: { handler: Handler; cursor: string; requests: string[] };
  /** A failed page (one the client does not retry) and the message of the ApiError it becomes. */
  failure: { reply: Reply; status: number; message: string };
  /** A reply the client retries, and the wait before the retry; undefined where the client does not retry. */
  retry?: { reply: Reply; waits: number[] };
}

const LIGHTRUN_PATH = "/api/v1/watched-packages";
const lightrun: PaginatedApi = {
  name: "lightrun",
  ids: (n) => packages(n).map((p) => p.id),
  list: (n) => lightrunList(packages(n)),
  paginate: (baseUrl) => ({
    items: paginateLightrun(lightrunClient(baseUrl), LIGHTRUN_PATH, { params: { query: { limit: 4 } } }),
    waits: [],
  }),
  request: (i) => `GET ${LIGHTRUN_PATH}?limit=4&offset=${4 * i}`,
  secrets: [LIGHTRUN_TOKEN],
  // An empty page that says there is more would have the next request ask for the same offset.
  stuck: {
    handler: () => ({ json: { items: [], total: 5, offset: 0, limit: 4, hasMore: true } }),
    cursor: "offset 0",
    requests: [`GET ${LIGHTRUN_PATH}?limit=4&offset=0`],
  },
  failure: {
    reply: { status: 402, json: { message: "Request Failed" } },
    status: 402,
    message: `GET {url}${LIGHTRUN_PATH} failed with HTTP 402: Request Failed`,
  },
};

const runcloud: PaginatedApi = {
  name: "runcloud",
  ids: (n) => servers(n).map((s) => s.id),
  list: (n) => runcloudList(servers(n)),
  paginate: (baseUrl) => {
    const { api, waits } = runcloudClient(baseUrl);
    return { items: paginateRunCloud(api, "/servers", { params: { query: { perPage: 4 } } }), waits };
  },
  request: (i) => `GET /servers?page=${i + 1}&perPage=4`,
  secrets: [RUNCLOUD_KEY, RUNCLOUD_SECRET, RUNCLOUD_BASIC, RUNCLOUD_BASIC.slice(6)],
  // A server that ignores `page` and answers page 1 with a link to page 2.
  stuck: {
    handler: () => ({
      json: {
        data: servers(4),
        meta: {
          pagination: {
            total: 12,
            count: 4,
            per_page: 4,
            current_page: 1,
            total_pages: 3,
            links: { next: "https://x/servers?page=2" },
          },
        },
      },
    }),
    cursor: "page 2",
    requests: ["GET /servers?page=1&perPage=4", "GET /servers?page=2&perPage=4"],
  },
  failure: {
    reply: { status: 401, json: { message: "Unauthenticated." } },
    status: 401,
    message: "GET {url}/servers failed with HTTP 401: Unauthenticated.",
  },
  retry: {
    reply: {
      status: 429,
      headers: { "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0" },
      json: { message: "Too Many Attempts." },
    },
    waits: [1500],
  },
};

const lamplighter: PaginatedApi = {
  name: "lamplighter",
  ids: (n) => events(n).map((e) => e.id),
  list: (n) => lamplighterEvents(events(n), 4),
  paginate: (baseUrl) => {
    const { api, waits } = lamplighterClient(baseUrl);
    return { items: paginateLamplighter(api, "/events"), waits };
  },
  request: (i) => `GET /events?page=${i + 1}`,
  secrets: [LAMPLIGHTER_KEY, LAMPLIGHTER_SECRET, LAMPLIGHTER_BASIC, LAMPLIGHTER_BASIC.slice(6)],
  // A server that answers page 1 whatever is asked, saying there are 3 pages.
  stuck: {
    handler: () => ({
      json: {
        data: events(1),
        embeds: [],
        meta: { pagination: { total: 3, count: 1, per_page: 1, current_page: 1, total_pages: 3, links: [] } },
      },
    }),
    cursor: "page 2",
    requests: ["GET /events?page=1", "GET /events?page=2"],
  },
  failure: {
    reply: { status: 401, json: { error: "You are not authorized to access this resource." } },
    status: 401,
    message: "GET {url}/events failed with HTTP 401: You are not authorized to access this resource.",
  },
  retry: { reply: { status: 503, json: { error: "Down for maintenance." } }, waits: [1500] },
};

const APIS = [lightrun, runcloud, lamplighter];

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** The requests the server received, query parameters sorted by name. */
const requested = (requests: Recorded[]) =>
  requests.map(
    (r) => `${r.method} ${r.path}?${new URLSearchParams([...r.query].sort(([a], [b]) => a.localeCompare(b)))}`,
  );

/** `handler`, except that its `nth` request (from 1) gets `reply`. */
function replacing(handler: Handler, nth: number, reply: Reply): Handler {
  let count = 0;
  return (req) => (++count === nth ? reply : handler(req));
}

describe.each(APIS.map((api) => [api.name, api] as const))(
  "%s paginate: the contract of every paginated API",
  (_name, api) => {
    it("fetches a page only when its first item is asked for", async () => {
      server.handle(api.list(10));
      const { items } = api.paginate(server.url);
      expect(server.requests).toHaveLength(0);
      const first: unknown[] = [];
      for (let i = 0; i < 4; i++) first.push((await items.next()).value?.id);
      expect(first).toEqual(api.ids(4));
      expect(requested(server.requests)).toEqual([api.request(0)]);
      expect((await items.next()).value?.id).toEqual(api.ids(5)[4]);
      expect(requested(server.requests)).toEqual([api.request(0), api.request(1)]);
      await items.return();
    });

    it("fetches nothing more after break, in the middle of a page or at its last item", async () => {
      for (const stopAfter of [3, 4]) {
        server.handle(api.list(10));
        const taken: unknown[] = [];
        for await (const item of api.paginate(server.url).items) {
          taken.push(item.id);
          if (taken.length === stopAfter) break;
        }
        expect(taken).toEqual(api.ids(stopAfter));
        expect(requested(server.requests)).toEqual([api.request(0)]);
      }
    });

    it("throws the one PaginationError instead of asking for a page twice", async () => {
      server.handle(api.stuck.handler);
      const error = await caught(() => collect(api.paginate(server.url).items));
      expect(error).toBeInstanceOf(PaginationError);
      expect([error.name, (error as PaginationError).cursor]).toEqual(["PaginationError", api.stuck.cursor]);
      expect(requested(server.requests)).toEqual(api.stuck.requests);
    });

    it("throws the one ApiError on a failed page, after the items before it, without credentials", async () => {
      server.handle(replacing(api.list(10), 2, api.failure.reply));
      const seen: unknown[] = [];
      const error = await caught(async () => {
        for await (const item of api.paginate(server.url).items) seen.push(item.id);
      });
      expect(seen).toEqual(api.ids(4));
      expect(error).toBeInstanceOf(ApiError);
      expect([error.name, (error as ApiError).status]).toEqual(["ApiError", api.failure.status]);
      expect(error.message).toBe(api.failure.message.replace("{url}", server.url));
      expectNoSecrets(error, api.secrets);
      expect(requested(server.requests)).toEqual([api.request(0), api.request(1)]);
    });
  },
);

// Lightrun's client has no retry policy, so its pages have none to ride through.
const RETRYING = APIS.filter(
  (api): api is PaginatedApi & { retry: NonNullable<PaginatedApi["retry"]> } => api.retry !== undefined,
);

describe.each(RETRYING.map((api) => [api.name, api] as const))("%s paginate: retries", (_name, api) => {
  it("rides through a retried answer on page 2, asking for page 2 again, not page 1", async () => {
    server.handle(replacing(api.list(10), 2, api.retry.reply));
    const { items, waits } = api.paginate(server.url);
    expect((await collect(items)).map((item) => item.id)).toEqual(api.ids(10));
    expect(requested(server.requests)).toEqual([0, 1, 1, 2].map(api.request));
    expect(waits).toEqual(api.retry.waits);
  });
});

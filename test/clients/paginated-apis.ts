// The three APIs whose clients paginate (Lightrun, RunCloud, Lamplighter) as their tests fake
// them: credentials, a client on the test server, list items, and a handler that answers a list
// in the API's own envelope. Each API's test file uses its part for what is specific to that API;
// pagination.test.ts runs the contract the three share.
import { createLamplighterClient } from "../../generated/lamplighter/index.js";
import { createLightrunClient, MAX_LIMIT } from "../../generated/lightrun/index.js";
import { createRunCloudClient, MAX_PER_PAGE, type RetryEvent } from "../../generated/runcloud/index.js";
import type { RetryOptions } from "../../generated/runtime/index.js";
import { fakeSleep, type Handler } from "./server.js";

/** Every item of `iterable`, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Retry options whose waits are recorded, not waited; random() is 0.5, so jitter 0.5 gives 75% of each delay. */
function recordedRetries(retry: RetryOptions | false): { options: RetryOptions | false; waits: number[] } {
  const sleeper = fakeSleep();
  return {
    options: retry === false ? false : { sleep: sleeper.sleep, random: () => 0.5, ...retry },
    waits: sleeper.waits,
  };
}

// Lightrun: offset/limit in, `{items, total, offset, limit, hasMore}` out, a bearer token.
export const LIGHTRUN_TOKEN = "lightrun-secret-token-0123456789";

export const lightrunClient = (baseUrl: string) => createLightrunClient({ baseUrl, token: LIGHTRUN_TOKEN });

export function packages(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `pkg-${i}`,
    packageName: `org.example:lib-${i}`,
    version: "1.0.0",
    classes: [],
  }));
}

/** Answers `all` as Lightrun does; `envelope` picks which paging fields the answer carries. */
export function lightrunList(all: unknown[], envelope: "full" | "totalOnly" | "bare" = "full"): Handler {
  return (req) => {
    if (req.headers.authorization !== `Bearer ${LIGHTRUN_TOKEN}`)
      return { status: 401, json: { message: "401 Unauthorized" } };
    const offset = Number(req.query.get("offset") ?? 0);
    const limit = Number(req.query.get("limit") ?? 10);
    if (limit > MAX_LIMIT) return { status: 400, json: { message: "limit too large" } };
    const items = all.slice(offset, offset + limit);
    const hasMore = offset + items.length < all.length;
    if (envelope === "bare") return { json: { items } };
    if (envelope === "totalOnly") return { json: { items, total: all.length, offset, limit } };
    return { json: { items, total: all.length, offset, limit, hasMore } };
  };
}

// RunCloud: page/perPage in, league/fractal's `{data, meta: {pagination}}` out, Basic auth or a token.
export const RUNCLOUD_KEY = "rc-api-key-4f2a";
export const RUNCLOUD_SECRET = "rc-api-secret-9b7c1e";
export const RUNCLOUD_BASIC = `Basic ${Buffer.from(`${RUNCLOUD_KEY}:${RUNCLOUD_SECRET}`).toString("base64")}`;
export const RUNCLOUD_TOKEN = "rc-bearer-token-77aa55";

/** A RunCloud client with recorded retry waits and retry events. */
export function runcloudClient(baseUrl: string, retry: RetryOptions | false = {}, auth: "basic" | "token" = "basic") {
  const events: RetryEvent[] = [];
  const { options, waits } = recordedRetries(retry && { onRetry: (e: RetryEvent) => void events.push(e), ...retry });
  const credentials =
    auth === "basic" ? { basic: { username: RUNCLOUD_KEY, password: RUNCLOUD_SECRET } } : { token: RUNCLOUD_TOKEN };
  return { api: createRunCloudClient({ baseUrl, ...credentials, retry: options }), waits, events };
}

export function servers(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `server-${i + 1}`, ipAddress: `10.0.0.${i + 1}` }));
}

/** Answers `all` at `path` with RunCloud's envelope; links as fractal writes them (`[]` when there is no neighbour). */
export function runcloudList(all: unknown[], path = "/servers"): Handler {
  return (req) => {
    if (req.headers.authorization !== RUNCLOUD_BASIC) return { status: 401, json: { message: "Unauthenticated." } };
    if (req.path !== path) return { status: 404, json: { message: "Not found" } };
    const perPage = Number(req.query.get("perPage") ?? 15);
    const page = Number(req.query.get("page") ?? 1);
    if (perPage > MAX_PER_PAGE) return { status: 422, json: { message: "perPage too large" } };
    const data = all.slice((page - 1) * perPage, page * perPage);
    const totalPages = Math.ceil(all.length / perPage);
    const link = (p: number) => `https://manage.runcloud.io/api/v2${path}?page=${p}`;
    const links: Record<string, string> = {};
    if (page > 1) links.previous = link(page - 1);
    if (page < totalPages) links.next = link(page + 1);
    return {
      headers: { "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "59" },
      json: {
        data,
        meta: {
          pagination: {
            total: all.length,
            count: data.length,
            per_page: perPage,
            current_page: page,
            total_pages: totalPages,
            links: Object.keys(links).length ? links : [],
          },
        },
      },
    };
  };
}

// Lamplighter: page in (the server picks the page size), fractal's envelope out, Basic auth.
export const LAMPLIGHTER_KEY = "ll-key-5d5d";
export const LAMPLIGHTER_SECRET = "ll-secret-8e8e8e";
export const LAMPLIGHTER_BASIC = `Basic ${Buffer.from(`${LAMPLIGHTER_KEY}:${LAMPLIGHTER_SECRET}`).toString("base64")}`;

/** A Lamplighter client with recorded retry waits. */
export function lamplighterClient(baseUrl: string, retry: RetryOptions | false = {}) {
  const { options, waits } = recordedRetries(retry);
  return {
    api: createLamplighterClient({
      baseUrl,
      basic: { username: LAMPLIGHTER_KEY, password: LAMPLIGHTER_SECRET },
      retry: options,
    }),
    waits,
  };
}

export function events(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: 1000 + i,
    created_at: "2024-01-01 10:00:00",
    type: "Uptime Status Change",
    header: `<b>Event ${i}</b>`,
    header_text: `Event ${i}`,
    details: "",
    details_text: "",
  }));
}

/**
 * Answers `all` as Lamplighter's /events, `perPage` a page (the server's choice: the API takes no
 * page size). `links` as the seed shows them, or `[]` when there is no neighbouring page.
 */
export function lamplighterEvents(all: unknown[], perPage = 4, linkStyle: "full" | "linksOnly" = "full"): Handler {
  return (req) => {
    if (req.headers.authorization !== LAMPLIGHTER_BASIC)
      return { status: 401, json: { error: "You are not authorized to access this resource." } };
    const page = Number(req.query.get("page") ?? 1);
    const data = all.slice((page - 1) * perPage, page * perPage);
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    const links: Record<string, string> = {};
    if (page > 1) links.previous = `https://api.lamplighter.io/events?page=${page - 1}`;
    if (page < totalPages) links.next = `https://api.lamplighter.io/events?page=${page + 1}`;
    const pagination: Record<string, unknown> = {
      total: all.length,
      count: data.length,
      per_page: perPage,
      current_page: page,
      total_pages: totalPages,
      links: Object.keys(links).length ? links : [],
    };
    if (linkStyle === "linksOnly") delete pagination.total_pages;
    return { json: { data, embeds: ["user", "site", "note", "addon"], meta: { pagination } } };
  };
}

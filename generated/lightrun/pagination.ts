// Copied by `npm run build` from scripts/templates/lightrun/pagination.ts, where it is edited and type-checked. Do not edit this copy.
// Auto-pagination for Lightrun's offset-based lists: `offset`/`limit` (at most 1000) in, the
// `PublicApiPage` envelope `{items, total, offset, limit, hasMore}` out.
import type { Client } from "openapi-fetch";
import type { paths } from "./schema.js";
import { unwrap } from "../runtime/index.js";
import {
  clampInt,
  iteratePages,
  untypedGet,
  type AnyInit,
  type InitArgs,
  type InitOf,
  type ListItemOf,
  type ListPathOf,
} from "../runtime/internal.js";

export { PaginationError } from "../runtime/index.js";

/** The largest `limit` the API accepts; also the page size `paginate` asks for by default. */
export const MAX_LIMIT = 1000;

/** Paths of the offset-paginated list operations (GET with `offset` and `limit`, answering `{items}`). */
export type ListPath = ListPathOf<paths, "offset" | "limit", { items?: unknown[] }>;

/** The item type of a list operation, from its 200 response schema. */
export type ListItem<P extends ListPath> = ListItemOf<paths, P, "items">;

/** The request options of a list operation (`params.query.offset` is the start, `limit` the page size). */
export type ListInit<P extends ListPath> = InitOf<paths, P>;

/**
 * Every item of a Lightrun list, page after page:
 *
 *     for await (const pool of paginate(client, "/api/v1/agent-pools", { params: { query: { name: "prod" } } })) ...
 *
 * Starts at `offset` (default 0) and asks for `limit` records a page (default and cap 1000). A
 * page is fetched only when the previous one is used up, so `break` stops the requests. The list
 * ends on `hasMore: false` (without `hasMore`: when `offset` reaches `total`, or on a short page).
 * A failed page throws ApiError; a server that points back to an offset already fetched,
 * PaginationError.
 */
export function paginate<P extends ListPath>(
  client: Client<paths>,
  path: P,
  ...[init]: InitArgs<ListInit<P>>
): AsyncGenerator<ListItem<P>, void, undefined> {
  const options = (init ?? {}) as AnyInit;
  const query = options.params?.query ?? {};
  const limit = clampInt(query.limit, 1, MAX_LIMIT, MAX_LIMIT);
  const start = clampInt(query.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  const get = untypedGet(client);
  return iteratePages<ListItem<P>, number>(
    start,
    async (offset) => {
      const page = unwrap(
        await get(path, { ...options, params: { ...options.params, query: { ...query, offset, limit } } }),
      ) as { items?: ListItem<P>[]; total?: number; hasMore?: boolean } | undefined;
      const items = page?.items ?? [];
      const next = offset + items.length;
      let more: boolean;
      if (typeof page?.hasMore === "boolean") more = page.hasMore;
      else if (typeof page?.total === "number") more = next < page.total;
      else more = items.length >= limit;
      return { items, next: more ? next : undefined };
    },
    (offset) => `offset ${offset}`,
  );
}

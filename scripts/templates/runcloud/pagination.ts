// Auto-pagination for RunCloud's page-based lists: `page`/`perPage` (at most 40) in,
// `{data: [...], meta: {pagination: {current_page, total_pages, links, ...}}}` out.
import type { Client } from "openapi-fetch";
import type { paths } from "./schema.js";
import {
  fractalItems,
  type AnyInit,
  type InitArgs,
  type InitOf,
  type ListItemOf,
  type ListPathOf,
} from "../runtime/internal.js";

export { PaginationError } from "../runtime/index.js";

/** The largest `perPage` the API accepts; also the page size `paginate` asks for by default. */
export const MAX_PER_PAGE = 40;

/** Paths of the paginated list operations (GET with `page` and `perPage`, answering `{data: [...]}`). */
export type ListPath = ListPathOf<paths, "page" | "perPage", { data?: unknown[] }>;

/** The item type of a list operation, from its 200 response schema. */
export type ListItem<P extends ListPath> = ListItemOf<paths, P, "data">;

/** The request options of a list operation (`params.query.page` is the first page, `perPage` the page size). */
export type ListInit<P extends ListPath> = InitOf<paths, P>;

/**
 * Every item of a RunCloud list, page after page:
 *
 *     for await (const db of paginate(client, "/servers/{serverId}/databases", { params: { path: { serverId: 7 } } })) ...
 *
 * Starts at `page` (default 1) with `perPage` items a page (default and cap 40). A page is fetched
 * only when the previous one is used up, so `break` stops the requests. The list ends when
 * `meta.pagination.current_page` reaches `total_pages` (see fractalNext for the fallbacks); the
 * next page number comes from `links.next` when it points forward. Rate limits are handled by the
 * client's retry policy. A failed page throws ApiError; a server that points back to a page
 * already fetched, PaginationError.
 */
export function paginate<P extends ListPath>(
  client: Client<paths>,
  path: P,
  ...[init]: InitArgs<ListInit<P>>
): AsyncGenerator<ListItem<P>, void, undefined> {
  return fractalItems<ListItem<P>>(client, path, init as AnyInit | undefined, { param: "perPage", max: MAX_PER_PAGE });
}

// Copied by `npm run build` from scripts/templates/lamplighter/pagination.ts, where it is edited and type-checked. Do not edit this copy.
// Auto-pagination for Lamplighter's paginated list (only GET /events is paginated in the spec):
// `page` in, `{data: [...], meta: {pagination: {current_page, total_pages, links: {next}}}}` out.
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

/** Paths of the paginated list operations (GET with `page`, answering `{data: [...], meta: {pagination}}`). */
export type ListPath = ListPathOf<paths, "page", { data: unknown[]; meta: { pagination: unknown } }>;

/** The item type of a list operation, from its 200 response schema. */
export type ListItem<P extends ListPath> = ListItemOf<paths, P, "data">;

/** The request options of a list operation (`params.query.page` is the first page). */
export type ListInit<P extends ListPath> = InitOf<paths, P>;

/**
 * Every item of a Lamplighter list, page after page:
 *
 *     for await (const event of paginate(client, "/events", { params: { query: { embed: "user" } } })) ...
 *
 * Starts at `page` (default 1); the page size is the server's (no `per_page` input is documented).
 * A page is fetched only when the previous one is used up, so `break` stops the requests. The list
 * ends when `meta.pagination.current_page` reaches `total_pages`; the next page number comes from
 * `meta.pagination.links.next` when it points forward (the link is not fetched as such: the
 * request goes through this client). 503s are handled by the client's retry policy. A failed page
 * throws ApiError; a server that points back to a page already fetched, PaginationError.
 */
export function paginate<P extends ListPath>(
  client: Client<paths>,
  path: P,
  ...[init]: InitArgs<ListInit<P>>
): AsyncGenerator<ListItem<P>, void, undefined> {
  return fractalItems<ListItem<P>>(client, path, init as AnyInit | undefined);
}

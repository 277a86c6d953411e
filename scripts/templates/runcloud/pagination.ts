// Auto-pagination for RunCloud's page-based lists: `page`/`perPage` (at most 40) in,
// `{data: [...], meta: {pagination: {current_page, total_pages, links, ...}}}` out.
import type { Client } from "openapi-fetch";
import type { paths } from "./schema.js";
import { fractalItems, type AnyInit, type DataOf, type GetPath as AnyGetPath, type InitArgs as AnyInitArgs, type InitOf, type QueryOf } from "../runtime/index.js";

export { PaginationError } from "../runtime/index.js";

/** The largest `perPage` the API accepts; also the page size `paginate` asks for by default. */
export const MAX_PER_PAGE = 40;

type GetPath = AnyGetPath<paths>;
type Query<P extends GetPath> = QueryOf<paths, P>;
type Data<P extends GetPath> = DataOf<paths, P>;

/** Paths of the paginated list operations (GET with `page` and `perPage`, answering `{data: [...]}`). */
export type ListPath = {
  [P in GetPath]: [Query<P>] extends [never] ? never : "page" | "perPage" extends keyof Query<P> ? (Data<P> extends { data?: unknown[] } ? P : never) : never;
}[GetPath];

/** The item type of a list operation, from its 200 response schema. */
export type ListItem<P extends ListPath> = Data<P> extends { data?: (infer I)[] } ? I : never;

/** The request options of a list operation (`params.query.page` is the first page, `perPage` the page size). */
export type ListInit<P extends ListPath> = InitOf<paths, P>;

type InitArgs<P extends ListPath> = AnyInitArgs<ListInit<P>>;

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
export function paginate<P extends ListPath>(client: Client<paths>, path: P, ...[init]: InitArgs<P>): AsyncGenerator<ListItem<P>, void, undefined> {
  return fractalItems<ListItem<P>>(client, path, init as AnyInit | undefined, { param: "perPage", max: MAX_PER_PAGE });
}

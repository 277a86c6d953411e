// Copied by `npm run build` from scripts/templates/runtime/paginate.ts, where it is edited and type-checked. Do not edit this copy.
// Pagination loop of the per-API `paginate` helpers (e.g. scripts/templates/runcloud/pagination.ts).
import type { Client, ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from "openapi-fetch";
import { unwrap } from "./api-error.js";

// Types the per-API helpers share, parameterised by the API's generated `paths`.
/** The GET paths of an API. */
export type GetPath<Paths extends {}> = ClientPathsWithMethod<Client<Paths>, "get"> & keyof Paths;
/** The query parameters of a GET path (never when it has none). */
export type QueryOf<Paths extends {}, P extends GetPath<Paths>> = Paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;
/** The 200 body of a GET path. */
export type DataOf<Paths extends {}, P extends GetPath<Paths>> = MethodResponse<Client<Paths>, "get", P>;
/** The request options of a GET path, as `client.GET` takes them. */
export type InitOf<Paths extends {}, P extends GetPath<Paths>> = Paths[P] extends infer Item extends Record<
  "get",
  unknown
>
  ? MaybeOptionalInit<Item, "get">
  : never;
/** The GET paths whose query has every one of `Keys` and whose 200 body extends `Body`: an API's list operations. */
export type ListPathOf<Paths extends {}, Keys extends string, Body> = {
  [P in GetPath<Paths>]: [QueryOf<Paths, P>] extends [never]
    ? never
    : [Keys] extends [keyof QueryOf<Paths, P>]
      ? DataOf<Paths, P> extends Body
        ? P
        : never
      : never;
}[GetPath<Paths>];
/** The item type of list operation `P`: the elements of its 200 body's `Field` array. */
export type ListItemOf<Paths extends {}, P extends GetPath<Paths>, Field extends string> =
  DataOf<Paths, P> extends { [K in Field]?: (infer I)[] } ? I : never;
/** `[init?]` when every option is optional, `[init]` otherwise. */
export type InitArgs<I> = undefined extends I ? [init?: I] : [init: I];

/** Request options as the loop handles them, whatever the path. */
export type AnyInit = { params?: { query?: Record<string, unknown> } & Record<string, unknown> } & Record<
  string,
  unknown
>;
type AnyGet = (path: string, init: AnyInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** `client.GET` without its per-path typing: the loop calls it with paths already checked by `paginate`'s signature. */
export function untypedGet(client: Client<any>): AnyGet {
  return client.GET as unknown as AnyGet;
}

/** The server's paging data would make the loop ask for a page it has already fetched. */
export class PaginationError extends Error {
  override readonly name = "PaginationError";
  constructor(
    message: string,
    /** The page (or offset) the server pointed to again. */
    readonly cursor: string,
  ) {
    super(message);
  }
}

/** One fetched page: its items and the cursor of the next page (undefined: this was the last). */
export interface FetchedPage<T, C> {
  items: readonly T[];
  next: C | undefined;
}

/**
 * Yields every item of every page, fetching a page only when the caller asks for its first item:
 * stopping early (`break` out of `for await`) fetches nothing more. Throws PaginationError rather
 * than fetch a cursor twice.
 */
export async function* iteratePages<T, C>(
  first: C,
  fetchPage: (cursor: C) => Promise<FetchedPage<T, C>>,
  keyOf: (cursor: C) => string = String,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: C | undefined = first;
  while (cursor !== undefined) {
    const key = keyOf(cursor);
    if (seen.has(key))
      throw new PaginationError(`the server's paging data points back to ${key}, already fetched`, key);
    seen.add(key);
    const page: FetchedPage<T, C> = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next;
  }
}

/** A positive integer query value within [min, max], or `fallback` when none was given. */
export function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** league/fractal's `meta.pagination` block (RunCloud, Lamplighter). Every field is optional here. */
export interface FractalPagination {
  current_page?: number;
  total_pages?: number;
  links?: { next?: string; previous?: string } | unknown[];
}

/**
 * The page after `requested` according to a fractal pagination block, or undefined at the end.
 * The end is `current_page >= total_pages` (or, without `total_pages`, no `links.next`; without
 * either, an empty or short page); the next page number is the `page` of `links.next` when that
 * link points forward, otherwise `current_page + 1`. The link itself is never fetched: the next
 * request goes through the same client (base URL, credentials, retries).
 */
export function fractalNext(
  pagination: FractalPagination | undefined,
  requested: number,
  itemCount: number,
  pageSize: number | undefined,
): number | undefined {
  if (itemCount === 0) return undefined;
  const current = typeof pagination?.current_page === "number" ? pagination.current_page : requested;
  const links = pagination?.links;
  const nextLink = links && !Array.isArray(links) && typeof links.next === "string" ? links.next : undefined;
  let more: boolean;
  if (typeof pagination?.total_pages === "number") more = current < pagination.total_pages;
  else if (pagination?.links !== undefined) more = nextLink !== undefined;
  else more = pageSize !== undefined && itemCount >= pageSize;
  if (!more) return undefined;
  const linked = nextLink === undefined ? undefined : pageOfLink(nextLink);
  return linked !== undefined && linked > current ? linked : current + 1;
}

/**
 * Every item of a page-numbered list in league/fractal's envelope, `{data: [...], meta: {pagination}}`
 * (RunCloud, Lamplighter), from page `query.page` (default 1) on. With `pageSize`, each request asks
 * for `query[pageSize.param]` items (default and cap `pageSize.max`); without, the server decides.
 * The next page is fractalNext's; a failed page throws ApiError.
 */
export function fractalItems<T>(
  client: Client<any>,
  path: string,
  init: AnyInit | undefined,
  pageSize?: { param: string; max: number },
): AsyncGenerator<T, void, undefined> {
  const options = init ?? {};
  const query = options.params?.query ?? {};
  const start = clampInt(query.page, 1, Number.MAX_SAFE_INTEGER, 1);
  const size = pageSize && clampInt(query[pageSize.param], 1, pageSize.max, pageSize.max);
  const sizeQuery = pageSize ? { [pageSize.param]: size } : {};
  const get = untypedGet(client);
  return iteratePages<T, number>(
    start,
    async (page) => {
      const body = unwrap(
        await get(path, { ...options, params: { ...options.params, query: { ...query, page, ...sizeQuery } } }),
      ) as { data?: T[]; meta?: { pagination?: FractalPagination } } | undefined;
      const items = body?.data ?? [];
      return { items, next: fractalNext(body?.meta?.pagination, page, items.length, size) };
    },
    (page) => `page ${page}`,
  );
}

function pageOfLink(link: string): number | undefined {
  try {
    const value = new URL(link, "http://invalid/").searchParams.get("page");
    const page = value === null ? NaN : Number(value);
    return Number.isInteger(page) ? page : undefined;
  } catch {
    return undefined;
  }
}

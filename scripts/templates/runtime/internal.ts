// The runtime's machinery: what the generated clients (generated/<api>/client.ts) and the
// per-API helpers (scripts/templates/<api>/) import besides the public index (./index.js). No
// package export points here (package.json exports only `./runtime`, the index), so none of it is
// public API: it changes with the generator that uses it.
export { methodMemo, redactUrl } from "./api-error.js";
export {
  basicAuth,
  emptyBodyError,
  headerAuth,
  serializeBody,
  withDefinedErrors,
  withRequestMediaTypes,
  type RequestMediaTypes,
} from "./client-hooks.js";
export {
  bodyKindFor,
  bodyKindOf,
  withResponseMediaTypes,
  type BodyKind,
  type ResponseMediaTypes,
} from "./response-media.js";
export {
  clampInt,
  fractalItems,
  fractalNext,
  iteratePages,
  untypedGet,
  type AnyInit,
  type DataOf,
  type FetchedPage,
  type FractalPagination,
  type GetPath,
  type InitArgs,
  type InitOf,
  type ListItemOf,
  type ListPathOf,
  type QueryOf,
} from "./paginate.js";
export {
  backoffDelay,
  defaultSleep,
  resolveRetryOptions,
  retryAfterMs,
  retryingFetch,
  retryPolicy,
  standardAdvice,
  type ResolvedRetryOptions,
  type RetryAdvice,
  type RetryDefaults,
} from "./retry.js";

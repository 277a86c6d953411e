// The one runtime of the generated clients (`openapi-five/runtime`). Its source is
// scripts/templates/runtime/; `npm run build` copies it to generated/runtime/, which every
// generated/<api>/ imports as `../runtime/index.js`.
export { ApiError, methodMemo, redactUrl, unwrap } from "./api-error.js";
export { basicAuth, emptyBodyError, headerAuth, serializeBody, withDefinedErrors, withRequestMediaTypes, type RequestMediaTypes } from "./client-hooks.js";
export { bodyKindFor, bodyKindOf, withResponseMediaTypes, type BodyKind, type ResponseMediaTypes } from "./response-media.js";
export {
  clampInt,
  fractalItems,
  fractalNext,
  iteratePages,
  PaginationError,
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
  IDEMPOTENT_METHODS,
  resolveRetryOptions,
  retryAfterMs,
  retryingFetch,
  retryPolicy,
  standardAdvice,
  type ResolvedRetryOptions,
  type RetryAdvice,
  type RetryDefaults,
  type RetryEvent,
  type RetryOptions,
} from "./retry.js";
export { Session, type SessionConfig } from "./session.js";

// Lamplighter maintenance: the API answers 503 while a resource is temporarily down. The generated
// client wraps its fetch with createRetryFetch; `retry: false` turns it off.
import type { RetryOptions as CoreRetryOptions } from "../runtime/index.js";
import { retryPolicy } from "../runtime/internal.js";

export { IDEMPOTENT_METHODS, type RetryEvent } from "../runtime/index.js";

/**
 * Retry policy of the Lamplighter client. Defaults: `attempts` 3 (the first request and up to 2
 * retries), `baseDelayMs` 2000, `maxDelayMs` 30000, `jitter` 0.5, `statuses` [503], `methods`
 * the idempotent ones (GET, HEAD, OPTIONS, PUT, DELETE; POST and PATCH only if listed).
 * A `Retry-After` header is honoured (and a 503 whose Retry-After exceeds maxDelayMs is returned at once).
 */
export type RetryOptions = CoreRetryOptions;

export const RETRY_DEFAULTS = {
  attempts: 3,
  baseDelayMs: 2000,
  maxDelayMs: 30_000,
  jitter: 0.5,
  statuses: [503],
} as const;

/** Wraps a fetch with the Lamplighter retry policy; `false` returns `base` unchanged. */
export const createRetryFetch = retryPolicy(RETRY_DEFAULTS);

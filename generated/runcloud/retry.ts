// Copied by `npm run build` from scripts/templates/runcloud/retry.ts, where it is edited and type-checked. Do not edit this copy.
// RunCloud rate limits: every response carries X-RateLimit-Limit / X-RateLimit-Remaining and an
// exhausted limit answers 429 (no Retry-After or reset header is documented). The generated
// client wraps its fetch with createRetryFetch; `retry: false` turns it off.
import type { RetryOptions as CoreRetryOptions } from "../runtime/index.js";
import { retryAfterMs, retryPolicy, type RetryAdvice } from "../runtime/internal.js";

export { IDEMPOTENT_METHODS, type RetryEvent } from "../runtime/index.js";

/**
 * Retry policy of the RunCloud client. Defaults: `attempts` 4 (the first request and up to 3
 * retries), `baseDelayMs` 2000, `maxDelayMs` 60000, `jitter` 0.5, `statuses` [429], `methods`
 * the idempotent ones (GET, HEAD, OPTIONS, PUT, DELETE; POST and PATCH only if listed).
 */
export type RetryOptions = CoreRetryOptions;

export const RETRY_DEFAULTS = {
  attempts: 4,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
  jitter: 0.5,
  statuses: [429],
} as const;

/**
 * On 429: `Retry-After`, if the server sends one, is waited for (or, when longer than maxDelayMs,
 * the 429 is returned at once). Otherwise `X-RateLimit-Remaining` decides: above 0 the window has
 * room again, so the retry comes after the (jittered) base delay; 0 or absent means the window is
 * used up, so the delay grows exponentially.
 */
export const runCloudAdvice: RetryAdvice = (response, backoffMs, _retry, options) => {
  const hinted = retryAfterMs(response);
  if (hinted !== undefined) return hinted > options.maxDelayMs ? "give-up" : hinted;
  if (response.status === 429) {
    const remaining = Number(response.headers.get("X-RateLimit-Remaining") ?? NaN);
    if (Number.isFinite(remaining) && remaining > 0)
      return Math.round(options.baseDelayMs * (1 - options.jitter * options.random()));
  }
  return backoffMs;
};

/** Wraps a fetch with the RunCloud retry policy; `false` returns `base` unchanged. */
export const createRetryFetch = retryPolicy(RETRY_DEFAULTS, runCloudAdvice);

// Retry/backoff core of the per-API retry policies (e.g. scripts/templates/runcloud/retry.ts).
import { redactUrl } from "./api-error.js";

/** The methods RFC 9110 calls idempotent: the only ones retried unless `methods` says otherwise. */
export const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/** One retry about to happen (for logging). The URL has no query string and no userinfo. */
export interface RetryEvent {
  /** The attempt that failed (1 = the first request). */
  attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delayMs: number;
  status: number;
  method: string;
  url: string;
}

export interface RetryOptions {
  /** Total attempts, the first request included (so `1` never retries). */
  attempts?: number;
  /** Delay before the first retry, in ms; doubles with each further retry. */
  baseDelayMs?: number;
  /** Upper bound of any wait, in ms. A `Retry-After` longer than this is not waited for: the response is returned. */
  maxDelayMs?: number;
  /** Fraction of each computed delay that is random, 0 (none) to 1 ("full jitter"). Server-given delays are not shortened. */
  jitter?: number;
  /** Methods that may be retried (case-insensitive). Add "POST"/"PATCH" to opt in for non-idempotent calls. */
  methods?: readonly string[];
  /** Response statuses that are retried. */
  statuses?: readonly number[];
  /** Waits `ms` milliseconds; rejects when `signal` aborts. Inject a fake one in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of randomness for the jitter, in [0, 1). Defaults to Math.random. */
  random?: () => number;
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;

/**
 * How long to wait before retrying `response`, or "give-up" to return it as it is. `backoffMs` is
 * the jittered exponential delay the core would use; `retry` counts retries (1 before the first).
 */
export type RetryAdvice = (
  response: Response,
  backoffMs: number,
  retry: number,
  options: ResolvedRetryOptions,
) => number | "give-up";

/** Delay of a `Retry-After` header (seconds or an HTTP date) in ms, or undefined when absent or unreadable. */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const value = response.headers.get("Retry-After")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Honours `Retry-After` (give up when it is longer than maxDelayMs), otherwise the backoff. */
export const standardAdvice: RetryAdvice = (response, backoffMs, _retry, options) => {
  const hinted = retryAfterMs(response);
  if (hinted === undefined) return backoffMs;
  return hinted > options.maxDelayMs ? "give-up" : hinted;
};

/** A setTimeout wait that rejects with the signal's reason when the request is aborted. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** What each API's policy sets (the methods default to IDEMPOTENT_METHODS). */
export type RetryDefaults = Required<
  Pick<RetryOptions, "attempts" | "baseDelayMs" | "maxDelayMs" | "jitter" | "statuses">
>;

/** Fills in defaults and checks the numbers; throws RangeError on nonsense. */
export function resolveRetryOptions(options: RetryOptions, defaults: RetryDefaults): ResolvedRetryOptions {
  const resolved: ResolvedRetryOptions = {
    attempts: options.attempts ?? defaults.attempts,
    baseDelayMs: options.baseDelayMs ?? defaults.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? defaults.maxDelayMs,
    jitter: options.jitter ?? defaults.jitter,
    methods: (options.methods ?? IDEMPOTENT_METHODS).map((m) => m.toUpperCase()),
    statuses: options.statuses ?? defaults.statuses,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
  if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1)
    throw new RangeError("retry.attempts must be an integer >= 1");
  if (!(resolved.baseDelayMs >= 0) || !(resolved.maxDelayMs >= 0)) throw new RangeError("retry delays must be >= 0");
  if (!(resolved.jitter >= 0 && resolved.jitter <= 1)) throw new RangeError("retry.jitter must be between 0 and 1");
  return resolved;
}

/** min(maxDelayMs, baseDelayMs * 2^(retry-1)), of which the `jitter` fraction is random. */
export function backoffDelay(retry: number, options: ResolvedRetryOptions): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential * (1 - options.jitter * options.random()));
}

/**
 * Wraps `base` so that responses with a retryable status are retried, for retryable methods only,
 * at most `attempts` times in all, waiting as `advise` says. Each attempt sends a clone of the
 * request (a body can be read once). The last response is returned whatever its status.
 */
export function retryingFetch(
  base: (request: Request, init?: RequestInit) => Promise<Response>,
  options: ResolvedRetryOptions,
  advise: RetryAdvice = standardAdvice,
): (request: Request, init?: RequestInit) => Promise<Response> {
  // `init` is openapi-fetch's requestInitExt (e.g. an undici dispatcher): passed through untouched.
  return async (request, init) => {
    if (options.attempts === 1 || !options.methods.includes(request.method.toUpperCase())) return base(request, init);
    for (let attempt = 1; ; attempt++) {
      const last = attempt === options.attempts;
      const response = await base(last ? request : request.clone(), init);
      if (last || !options.statuses.includes(response.status)) return response;
      const advice = advise(response, backoffDelay(attempt, options), attempt, options);
      if (advice === "give-up") return response;
      const delayMs = Math.max(0, Math.min(advice, options.maxDelayMs));
      await response.body?.cancel().catch(() => undefined); // free the connection
      options.onRetry?.({
        attempt,
        delayMs,
        status: response.status,
        method: request.method,
        url: redactUrl(request.url),
      });
      await options.sleep(delayMs, request.signal);
    }
  };
}

type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;

/**
 * An API's `createRetryFetch(base, options?)`: wraps a fetch with that API's defaults and advice,
 * the caller's options on top; `false` returns `base` unchanged.
 */
export function retryPolicy(
  defaults: RetryDefaults,
  advise: RetryAdvice = standardAdvice,
): (base: Fetch, options?: RetryOptions | false) => Fetch {
  return (base, options = {}) =>
    options === false
      ? base
      : retryingFetch(base, resolveRetryOptions(options, { ...defaults, statuses: [...defaults.statuses] }), advise);
}

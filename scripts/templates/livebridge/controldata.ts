// Optimistic-concurrency update of the Livebridge control data: GET (document + Etag), apply a
// change, PUT with If-Match; on 412 (someone else saved in between) start over, a bounded number
// of times. The session (token, one re-login on `Invalid token.`) is the client's.
import type { Client } from "openapi-fetch";
import { unwrap } from "../runtime/index.js";
import type { components, paths } from "./schema.js";

export type ControlData = components["schemas"]["ControlData"];
export type ControlDataUpload = components["schemas"]["ControlDataUpload"];

/** Turns the current control data into the new one. Called again, on a fresh copy, after each 412. */
export type ControlDataChange = (
  current: ControlData,
  context: { attempt: number; etag: string },
) => ControlDataUpload | Promise<ControlDataUpload>;

export interface UpdateControlDataOptions {
  /** Read-change-write rounds before giving up on 412s (default 3). */
  attempts?: number;
  /** Aborts the requests in flight (and stops the rounds). */
  signal?: AbortSignal;
}

export interface UpdateControlDataResult {
  /** What was stored: the value `change` returned in the successful round. */
  saved: ControlDataUpload;
  /** The Etag the successful PUT was conditional on (the Etag of the document `change` saw). */
  previousEtag: string;
  /** Rounds used (1 when no 412 happened). */
  attempts: number;
}

/**
 * updateControlData could not save. `reason` "conflict": every PUT got 412 (the control data kept
 * changing under us); "no-etag": GET answered without a usable `Etag`. It carries no document,
 * token or password (the control data holds credentials in clear text).
 */
export class ControlDataUpdateError extends Error {
  override readonly name = "ControlDataUpdateError";
  constructor(
    readonly reason: "conflict" | "no-etag",
    readonly attempts: number,
  ) {
    super(
      reason === "conflict"
        ? `control data changed concurrently: PUT /api/v1/controldata got 412 in each of ${attempts} attempt(s)`
        : "GET /api/v1/controldata answered without a valid Etag header",
    );
  }
}

const ETAG = /^[0-9a-f]{32}$/i;

/**
 * Reads the control data and its Etag, applies `change`, and PUTs the result with `If-Match`.
 * On 412 it reads again and re-applies `change`, up to `attempts` rounds (default 3), then throws
 * ControlDataUpdateError. Any other failure throws ApiError (from `unwrap`).
 *
 *     await updateControlData(client, (doc) => ({ ...doc, bridges: [...doc.bridges, bridge] }));
 */
export async function updateControlData(
  client: Client<paths>,
  change: ControlDataChange,
  options: UpdateControlDataOptions = {},
): Promise<UpdateControlDataResult> {
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError("attempts must be an integer >= 1");
  const signal = options.signal ? { signal: options.signal } : {};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const read = await client.GET("/api/v1/controldata", { ...signal });
    const current = unwrap(read);
    const etag = read.response.headers.get("Etag")?.trim();
    if (!etag || !ETAG.test(etag)) throw new ControlDataUpdateError("no-etag", attempt);
    const next = await change(current, { attempt, etag });
    if (next === undefined) throw new TypeError("updateControlData: change() must return the new control data");
    const write = await client.PUT("/api/v1/controldata", {
      params: { header: { "If-Match": etag } },
      body: next,
      ...signal,
    });
    if (write.response.status === 412) continue;
    unwrap(write);
    return { saved: next, previousEtag: etag, attempts: attempt };
  }
  throw new ControlDataUpdateError("conflict", attempts);
}

// A job's ping lifecycle on top of the Pinging API: `start`, then one completion (`success`,
// `fail` or `exitStatus`), with `log` events in between, all carrying one run id (`?rid=`, v2.5+,
// so the server pairs the start with its completion; older servers ignore it). A body (the job's
// output) makes the ping a POST; without one it is a GET.
import type { Client } from "openapi-fetch";
import { unwrap } from "../runtime/index.js";
import type { paths } from "./schema.js";

/** The check to ping: by UUID, or by its project's ping key and its slug (v1.23.0+). */
export type PingTarget = { code: string } | { pingKey: string; slug: string; create?: boolean };

/** What the server answered to one ping. */
export interface PingAnswer {
  /** 200, or 201 when `create` made the check (v2.10+). */
  status: number;
  /** `OK` or `Created`. */
  text: string;
  /** `Ping-Body-Limit` (v2.1+): how many bytes of a body the server stores; undefined when not sent. */
  bodyLimit: number | undefined;
}

export interface PingRun {
  /** The run id sent with every ping of this run. */
  readonly rid: string;
  /** A log event (v2.3+): recorded without changing the check's status. */
  log(body?: string): Promise<PingAnswer>;
  /** The job succeeded. */
  success(body?: string): Promise<PingAnswer>;
  /** The job failed. */
  fail(body?: string): Promise<PingAnswer>;
  /** The job's exit status, 0 to 255 (v1.18.0+; 0 is success, anything else failure). */
  exitStatus(status: number, body?: string): Promise<PingAnswer>;
}

type Signal = "start" | "fail" | "log" | "success" | number;

/** Sends one ping; throws ApiError when the server refuses it (404, 400, 409, ...). */
export async function ping(
  client: Client<paths>,
  target: PingTarget,
  signal: Signal = "success",
  options: { rid?: string; body?: string } = {},
): Promise<PingAnswer> {
  if (typeof signal === "number" && !(Number.isInteger(signal) && signal >= 0 && signal <= 255)) {
    throw new TypeError(`ping: an exit status is an integer from 0 to 255, not ${signal}`);
  }
  const query: Record<string, string> = {};
  if (options.rid !== undefined) query.rid = options.rid;
  let path: string;
  let pathParams: Record<string, string | number>;
  if ("code" in target) {
    if (signal === "success") [path, pathParams] = ["/ping/{code}", { code: target.code }];
    else if (typeof signal === "number")
      [path, pathParams] = [
        "/ping/{codeOrPingKey}/{exitStatusOrSlug}",
        { codeOrPingKey: target.code, exitStatusOrSlug: signal },
      ];
    else [path, pathParams] = [`/ping/{code}/${signal}`, { code: target.code }];
  } else {
    if (target.create) query.create = "1";
    const key = { pingKey: target.pingKey, slug: target.slug };
    if (signal === "success")
      [path, pathParams] = [
        "/ping/{codeOrPingKey}/{exitStatusOrSlug}",
        { codeOrPingKey: target.pingKey, exitStatusOrSlug: target.slug },
      ];
    else if (typeof signal === "number")
      [path, pathParams] = ["/ping/{pingKey}/{slug}/{exitStatus}", { ...key, exitStatus: signal }];
    else [path, pathParams] = [`/ping/{pingKey}/{slug}/${signal}`, key];
  }
  // One call for the nine paths: they share parameters and answers (see the spec), so the
  // typed overloads are bypassed here and the answer is read as the spec documents it.
  const send = client[options.body === undefined ? "GET" : "POST"] as unknown as (
    path: string,
    init: { params: { path: Record<string, string | number>; query: Record<string, string> }; body?: string },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const result = await send(path, {
    params: { path: pathParams, query },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = unwrap(result);
  const limit = result.response.headers.get("ping-body-limit");
  return {
    status: result.response.status,
    text: String(text ?? ""),
    bodyLimit: limit === null ? undefined : Number(limit),
  };
}

/**
 * Signals the start of a run and returns the run, whose completion pings carry the same run id:
 *
 *     const run = await startRun(client, { code });
 *     try { await backup(); await run.success(); } catch (e) { await run.fail(String(e)); }
 */
export async function startRun(
  client: Client<paths>,
  target: PingTarget,
  options: { rid?: string; body?: string } = {},
): Promise<PingRun & { started: PingAnswer }> {
  const rid = options.rid ?? globalThis.crypto.randomUUID();
  const started = await ping(client, target, "start", {
    rid,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  // After the start the check exists, so create=1 has nothing left to do.
  const then: PingTarget = "code" in target ? target : { pingKey: target.pingKey, slug: target.slug };
  const send = (signal: Signal, body?: string) =>
    ping(client, then, signal, { rid, ...(body === undefined ? {} : { body }) });
  return {
    rid,
    started,
    log: (body) => send("log", body),
    success: (body) => send("success", body),
    fail: (body) => send("fail", body),
    exitStatus: (status, body) => send(status, body),
  };
}

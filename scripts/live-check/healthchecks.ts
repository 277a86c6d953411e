// The live checks for a Healthchecks server (API v1): every operation through the generated
// client, and every status the server can be made to produce. Read-only probes only touch
// checks that do not exist (or send requests the server rejects before acting); write probes
// create their own checks, named "live-check …", and delete them again.
import { randomUUID } from "node:crypto";
import { createHealthchecksClient, type HealthchecksClient } from "../../generated/healthchecks/index.js";
import type { Recorder } from "./recorder.js";

export interface HealthchecksTarget {
  url: string;
  /** A read-write API key. */
  apiKey: string;
  /** A read-only API key (optional). */
  readOnlyKey?: string;
  /** Another account's read-write key: its check gives 403 (optional, write mode). */
  otherApiKey?: string;
  /** The key of an account at its check limit (optional, write mode). */
  limitedApiKey?: string;
  /** Create, change and delete own checks. */
  write: boolean;
}

/** Calls with paths, methods or bodies the typed client refuses on purpose. */
type Untyped = Record<"GET" | "POST" | "PUT" | "DELETE" | "HEAD", (path: string, init?: Record<string, unknown>) => Promise<{ data?: any; error?: any; response: Response }>>;

const PREFIX = "live-check";
const WRONG_KEY = "wrong-key-".padEnd(32, "0");

export async function checkHealthchecks(rec: Recorder, target: HealthchecksTarget): Promise<void> {
  const base = target.url.replace(/\/+$/, "");
  const make = (apiKey?: string) =>
    createHealthchecksClient({ baseUrl: base, fetch: rec.fetch, ...(apiKey === undefined ? {} : { apiKey }) });
  const rw = make(target.apiKey);
  const anon = make();
  const wrong = make(WRONG_KEY);
  const ro = target.readOnlyKey ? make(target.readOnlyKey) : undefined;
  const untyped = (c: HealthchecksClient) => c as unknown as Untyped;
  const unknownCode = randomUUID();
  const code = { params: { path: { code: unknownCode } } };
  const key = { "X-Api-Key": target.apiKey };

  // --- getStatus ---
  if (rec.hasOperation("getStatus")) {
    await rec.probe("getStatus", "no key", [200], () => anon.GET("/api/v1/status/" as never, { parseAs: "text" } as never));
    await rec.probe("getStatus", "Host not allowed", [400], () => rec.raw("GET", `${base}/api/v1/status/`, { Host: "not-allowed.invalid" }));
  }

  // --- listChecks ---
  await rec.probe("listChecks", "read-write key", [200], () => rw.GET("/api/v1/checks/"));
  if (ro) await rec.probe("listChecks", "read-only key", [200], () => ro.GET("/api/v1/checks/"));
  await rec.probe("listChecks", "tag filter", [200], () => rw.GET("/api/v1/checks/", { params: { query: { tag: ["prod"] } } }));
  await rec.probe("listChecks", "no key", [401], () => anon.GET("/api/v1/checks/"));
  await rec.probe("listChecks", "unknown 32-character key", [401], () => wrong.GET("/api/v1/checks/"));
  await rec.probe("listChecks", "short key", [401], () => make("short").GET("/api/v1/checks/"));
  await rec.probe("listChecks", "PUT on the collection", [405], () => untyped(rw).PUT("/api/v1/checks/"));
  // Newer servers ignore a GET body (v1.23.0+).
  await rec.probe("listChecks", "unparsable body", [400, 200], () => rec.raw("GET", `${base}/api/v1/checks/`, key, "{not json"));

  // --- listChannels ---
  await rec.probe("listChannels", "read-write key", [200], () => rw.GET("/api/v1/channels/"));
  // v1.3.0 accepts the read-only key here; later versions answer 401.
  if (ro) await rec.probe("listChannels", "read-only key", [200, 401], () => ro.GET("/api/v1/channels/"));
  await rec.probe("listChannels", "no key", [401], () => anon.GET("/api/v1/channels/"));
  await rec.probe("listChannels", "HEAD", [405], () => untyped(rw).HEAD("/api/v1/channels/"));
  await rec.probe("listChannels", "unparsable body", [400, 200], () => rec.raw("GET", `${base}/api/v1/channels/`, key, "{not json"));

  // --- requests the server rejects before acting ---
  await rec.probe("createCheck", "no key", [401], () => anon.POST("/api/v1/checks/", { body: { name: `${PREFIX} never` } }));
  await rec.probe("createCheck", "unknown key", [401], () => wrong.POST("/api/v1/checks/", { body: { name: `${PREFIX} never` } }));
  if (ro) await rec.probe("createCheck", "read-only key", [401], () => ro.POST("/api/v1/checks/", { body: { name: `${PREFIX} never` } }));
  await rec.probe("createCheck", "timeout too small", [400], () => rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} never`, timeout: 59 } }));
  await rec.probe("createCheck", "invalid cron", [400], () => rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} never`, schedule: "not a cron" } }));
  await rec.probe("createCheck", "unparsable body", [400], () => rw.POST("/api/v1/checks/", { body: "{not json" as never }));

  if (rec.hasOperation("getCheck")) {
    await rec.probe("getCheck", "unknown check", [404], () => rw.GET("/api/v1/checks/{code}" as never, code as never));
    await rec.probe("getCheck", "no key", [401], () => anon.GET("/api/v1/checks/{code}" as never, code as never));
  }
  await rec.probe("updateCheck", "unknown check", [404], () => rw.POST("/api/v1/checks/{code}", { ...code, body: { name: `${PREFIX} never` } }));
  await rec.probe("updateCheck", "no key", [401], () => anon.POST("/api/v1/checks/{code}", { ...code, body: {} }));
  if (ro) await rec.probe("updateCheck", "read-only key", [401], () => ro.POST("/api/v1/checks/{code}", { ...code, body: {} }));
  await rec.probe("updateCheck", "uppercase code", [404], () =>
    rw.POST("/api/v1/checks/{code}", { params: { path: { code: unknownCode.toUpperCase() } }, body: {} }),
  );
  await rec.probe("pauseCheck", "unknown check", [404], () => rw.POST("/api/v1/checks/{code}/pause", code));
  await rec.probe("pauseCheck", "no key", [401], () => anon.POST("/api/v1/checks/{code}/pause", code));
  await rec.probe("pauseCheck", "GET", [405], () => untyped(rw).GET("/api/v1/checks/{code}/pause", code));
  await rec.probe("deleteCheck", "unknown check", [404], () => rw.DELETE("/api/v1/checks/{code}", code));
  await rec.probe("deleteCheck", "no key", [401], () => anon.DELETE("/api/v1/checks/{code}", code));
  if (ro) await rec.probe("deleteCheck", "read-only key", [401], () => ro.DELETE("/api/v1/checks/{code}", code));

  if (!target.write) return;
  await writeProbes(rec, target, { base, rw, ro, make, untyped });
}

interface Clients {
  base: string;
  rw: HealthchecksClient;
  ro: HealthchecksClient | undefined;
  make: (apiKey?: string) => HealthchecksClient;
  untyped: (c: HealthchecksClient) => Untyped;
}

/** The UUID at the end of a check's update_url (a read-only key's answer has no URLs). */
function codeOf(check: unknown): string | undefined {
  const c = check as { update_url?: string; uuid?: string } | undefined;
  return c?.uuid ?? c?.update_url?.split("/").pop();
}

async function writeProbes(rec: Recorder, target: HealthchecksTarget, { base, rw, ro, make, untyped }: Clients): Promise<void> {
  const created = new Set<string>();
  const keep = (check: unknown) => {
    const c = codeOf(check);
    if (c) created.add(c);
    return c;
  };
  try {
    let code = "";
    await rec.probe("createCheck", "simple check", [201], async () => {
      const res = await rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} simple`, tags: "live prod", timeout: 3600, grace: 60, channels: "*" } });
      code = keep(res.data) ?? "";
    });
    if (!code) return;
    const path = { params: { path: { code } } };

    await rec.probe("createCheck", "cron check", [201], async () =>
      keep((await rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} cron`, schedule: "*/5 * * * *", tz: "Europe/Riga" } })).data),
    );
    await rec.probe("createCheck", "unique match updates", [200], () =>
      rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} simple`, tags: "live prod again", unique: ["name"] } }),
    );
    await rec.probe("createCheck", "key in the body", [201], async () => {
      const res = await make().POST("/api/v1/checks/", { body: { api_key: target.apiKey, name: `${PREFIX} body key` } });
      keep(res.data);
      return res;
    });
    // v1.3.0 answers an HTML 400 after saving the check; later versions a JSON 400, saving nothing.
    await rec.probe("createCheck", "unknown channel id", [400], () =>
      rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} bad channel`, channels: randomUUID() } }),
    );
    // v1.3.0 fails with a 500 when `unique` lists timeout without it; later versions do not.
    await rec.probe("createCheck", "unique timeout without timeout", [500, 200, 201], async () => {
      const res = await rw.POST("/api/v1/checks/", { body: { name: `${PREFIX} unique timeout`, unique: ["timeout"] } });
      keep(res.data);
      return res;
    });
    if (target.limitedApiKey) {
      await rec.probe("createCheck", "account at its check limit", [403], () => make(target.limitedApiKey).POST("/api/v1/checks/", { body: { name: `${PREFIX} over` } }));
    }

    if (rec.hasOperation("getCheck")) {
      // Before v1.14.0 GET is not allowed here (405), and checked after the key: a read-only key gets 401.
      await rec.probe("getCheck", "own check", [200, 405], () => rw.GET("/api/v1/checks/{code}" as never, path as never));
      if (ro) await rec.probe("getCheck", "read-only key", [200, 401], () => ro.GET("/api/v1/checks/{code}" as never, path as never));
    }
    await rec.probe("listChecks", "with checks", [200], () => rw.GET("/api/v1/checks/"));
    if (ro) await rec.probe("listChecks", "read-only key, with checks", [200], () => ro.GET("/api/v1/checks/"));

    await rec.probe("updateCheck", "rename, unassign channels", [200], () => rw.POST("/api/v1/checks/{code}", { ...path, body: { name: `${PREFIX} renamed`, channels: "" } }));
    await rec.probe("updateCheck", "empty body", [200], () => rw.POST("/api/v1/checks/{code}", path));
    await rec.probe("updateCheck", "timeout too small", [400], () => rw.POST("/api/v1/checks/{code}", { ...path, body: { timeout: 1 } }));
    await rec.probe("updateCheck", "key in the body", [200], () => make().POST("/api/v1/checks/{code}", { ...path, body: { api_key: target.apiKey, tags: "live" } }));
    // Before v1.15.0 GET on a single check is not allowed; PUT never is.
    await rec.probe("updateCheck", "PUT", [405], () => untyped(rw).PUT("/api/v1/checks/{code}", path));

    await rec.probe("pauseCheck", "pause", [200], () => rw.POST("/api/v1/checks/{code}/pause", path));
    await rec.probe("pauseCheck", "pause again", [200], () => rw.POST("/api/v1/checks/{code}/pause", path));
    if (ro) await rec.probe("pauseCheck", "read-only key", [401], () => ro.POST("/api/v1/checks/{code}/pause", path));
    await rec.probe("pauseCheck", "unparsable body", [400], () => rw.POST("/api/v1/checks/{code}/pause", { ...path, body: "{not json" as never }));
    // A JSON array without a header: v1.3.0 looks for api_key in it and fails.
    await rec.probe("pauseCheck", "array body, no header", [500, 400, 401], () => rec.raw("POST", `${base}/api/v1/checks/${code}/pause`, {}, "[1]"));
    await rec.probe("listChecks", "paused check", [200], () => rw.GET("/api/v1/checks/"));

    if (target.otherApiKey) {
      const other = make(target.otherApiKey);
      const theirs = await other.POST("/api/v1/checks/", { body: { name: `${PREFIX} other account` } });
      const theirCode = codeOf(theirs.data);
      if (theirCode) {
        const theirPath = { params: { path: { code: theirCode } } };
        try {
          if (rec.hasOperation("getCheck")) await rec.probe("getCheck", "another account's check", [403], () => rw.GET("/api/v1/checks/{code}" as never, theirPath as never));
          await rec.probe("updateCheck", "another account's check", [403], () => rw.POST("/api/v1/checks/{code}", { ...theirPath, body: {} }));
          await rec.probe("pauseCheck", "another account's check", [403], () => rw.POST("/api/v1/checks/{code}/pause", theirPath));
          await rec.probe("deleteCheck", "another account's check", [403], () => rw.DELETE("/api/v1/checks/{code}", theirPath));
        } finally {
          await other.DELETE("/api/v1/checks/{code}", theirPath);
        }
      }
    }

    await rec.probe("deleteCheck", "unparsable body", [400, 200], async () => {
      const res = await rw.DELETE("/api/v1/checks/{code}", { ...path, body: "{not json" as never });
      if (res.response.ok) created.delete(code);
      return res;
    });
    if (created.has(code)) {
      await rec.probe("deleteCheck", "own check", [200], () => rw.DELETE("/api/v1/checks/{code}", path));
      created.delete(code);
    }
    await rec.probe("deleteCheck", "deleted again", [404], () => rw.DELETE("/api/v1/checks/{code}", path));
  } finally {
    // Own checks, and the ones a failed request may have left behind (v1.3.0 saves before a bad channel).
    const list = await rw.GET("/api/v1/checks/");
    for (const check of list.data?.checks ?? []) if (check.name.startsWith(PREFIX)) created.add(codeOf(check)!);
    for (const c of created) await rw.DELETE("/api/v1/checks/{code}", { params: { path: { code: c } } });
  }
}

// The live checks for a Healthchecks server (API v1): every operation the version serves, through
// the generated client, and every status the server can be made to produce, each probe expecting
// the one status its version gives (healthchecks-versions.ts). Read-only probes only touch checks
// that do not exist (or send requests the server rejects before acting); write probes create
// their own checks, named "live-check <run id> …", and delete exactly those again.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createHealthchecksClient, type HealthchecksClient } from "../../generated/healthchecks/index.js";
import type { Recorder } from "./recorder.js";
import type { HealthchecksExpectations } from "./healthchecks-versions.js";

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
type Untyped = Record<
  "GET" | "POST" | "PUT" | "DELETE" | "HEAD",
  (path: string, init?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>
>;

const WRONG_KEY = "wrong-key-".padEnd(32, "0");

/** Why a probe sends what the spec refuses. */
const BAD = {
  noKey: "no API key",
  method: "a method the path does not document",
  getBody: "a body on GET",
  deleteBody: "a body on DELETE",
  unparsable: "a body that is not JSON",
  timeout: "timeout below the minimum",
  cron: "a schedule that is not a cron expression",
  uppercase: "an uppercase check code",
  arrayBody: "a JSON array as the body",
  flipsQuery: "seconds below the minimum",
  uniqueWithoutField: "`unique` naming a field the body lacks",
};

/** A check's unique_key: SHA-1 of the first 16 hex digits of its UUID (hc/api/models.py). */
export function uniqueKeyOf(code: string): string {
  return createHash("sha1").update(code.replace(/-/g, "").slice(0, 16)).digest("hex");
}

export async function checkHealthchecks(
  rec: Recorder,
  target: HealthchecksTarget,
  v: HealthchecksExpectations,
): Promise<void> {
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
  const getBody = v.parsesGetBody ? 400 : 200;

  // --- getStatus ---
  await rec.probe("getStatus", "no key", 200, () => anon.GET("/api/v1/status/"));
  await rec.probe("getStatus", "Host not allowed", 400, () =>
    rec.raw("GET", `${base}/api/v1/status/`, { Host: "not-allowed.invalid" }),
  );

  // --- listChecks ---
  await rec.probe("listChecks", "read-write key", 200, () => rw.GET("/api/v1/checks/"));
  if (ro) await rec.probe("listChecks", "read-only key", 200, () => ro.GET("/api/v1/checks/"));
  await rec.probe("listChecks", "tag filter", 200, () =>
    rw.GET("/api/v1/checks/", { params: { query: { tag: ["prod"] } } }),
  );
  await rec.probe("listChecks", "no key", 401, () => anon.GET("/api/v1/checks/"), { badInput: BAD.noKey });
  await rec.probe("listChecks", "unknown 32-character key", 401, () => wrong.GET("/api/v1/checks/"));
  await rec.probe("listChecks", "short key", 401, () => make("k3y-short").GET("/api/v1/checks/"));
  await rec.probe("listChecks", "PUT on the collection", 405, () => untyped(rw).PUT("/api/v1/checks/"), {
    badInput: BAD.method,
  });
  // Before v1.23.0 a GET body is parsed (400 when it is not JSON); later it is ignored.
  await rec.probe(
    "listChecks",
    "unparsable body",
    getBody,
    () => rec.raw("GET", `${base}/api/v1/checks/`, key, "{not json"),
    { badInput: BAD.getBody },
  );

  // --- listChannels ---
  await rec.probe("listChannels", "read-write key", 200, () => rw.GET("/api/v1/channels/"));
  // v1.3.0 accepts the read-only key here; v1.15.0 and later answer 401.
  if (ro && v.listChannelsReadOnly)
    await rec.probe("listChannels", "read-only key", v.listChannelsReadOnly, () => ro.GET("/api/v1/channels/"));
  await rec.probe("listChannels", "no key", 401, () => anon.GET("/api/v1/channels/"), { badInput: BAD.noKey });
  await rec.probe("listChannels", "HEAD", 405, () => untyped(rw).HEAD("/api/v1/channels/"), { badInput: BAD.method });
  await rec.probe(
    "listChannels",
    "unparsable body",
    getBody,
    () => rec.raw("GET", `${base}/api/v1/channels/`, key, "{not json"),
    { badInput: BAD.getBody },
  );

  // --- requests the server rejects before acting ---
  const never = "live-check never"; // refused before anything is saved
  await rec.probe("createCheck", "no key", 401, () => anon.POST("/api/v1/checks/", { body: { name: never } }));
  await rec.probe("createCheck", "unknown key", 401, () => wrong.POST("/api/v1/checks/", { body: { name: never } }));
  if (ro)
    await rec.probe("createCheck", "read-only key", 401, () => ro.POST("/api/v1/checks/", { body: { name: never } }));
  await rec.probe(
    "createCheck",
    "timeout too small",
    400,
    () => rw.POST("/api/v1/checks/", { body: { name: never, timeout: 59 } }),
    { badInput: BAD.timeout },
  );
  await rec.probe(
    "createCheck",
    "invalid cron",
    400,
    () => rw.POST("/api/v1/checks/", { body: { name: never, schedule: "not a cron" } }),
    { badInput: BAD.cron },
  );
  await rec.probe(
    "createCheck",
    "unparsable body",
    400,
    () => rw.POST("/api/v1/checks/", { body: "{not json" as never }),
    { badInput: BAD.unparsable },
  );

  await rec.probe("getCheck", "unknown check", 404, () => rw.GET("/api/v1/checks/{code}", code));
  await rec.probe("getCheck", "no key", 401, () => anon.GET("/api/v1/checks/{code}", code), { badInput: BAD.noKey });
  // Before v1.15.0 a read-only key may not GET a single check.
  if (ro)
    await rec.probe("getCheck", "read-only key, unknown check", v.readOnlyGetCheck ? 404 : 401, () =>
      ro.GET("/api/v1/checks/{code}", code),
    );
  await rec.probe("updateCheck", "unknown check", 404, () =>
    rw.POST("/api/v1/checks/{code}", { ...code, body: { name: never } }),
  );
  await rec.probe("updateCheck", "no key", 401, () => anon.POST("/api/v1/checks/{code}", { ...code, body: {} }));
  if (ro)
    await rec.probe("updateCheck", "read-only key", 401, () => ro.POST("/api/v1/checks/{code}", { ...code, body: {} }));
  await rec.probe(
    "updateCheck",
    "uppercase code",
    404,
    () => rw.POST("/api/v1/checks/{code}", { params: { path: { code: unknownCode.toUpperCase() } }, body: {} }),
    {
      badInput: BAD.uppercase,
    },
  );
  await rec.probe("pauseCheck", "unknown check", 404, () => rw.POST("/api/v1/checks/{code}/pause", code));
  await rec.probe("pauseCheck", "no key", 401, () => anon.POST("/api/v1/checks/{code}/pause", code));
  await rec.probe("pauseCheck", "GET", 405, () => untyped(rw).GET("/api/v1/checks/{code}/pause", code), {
    badInput: BAD.method,
  });
  await rec.probe("deleteCheck", "unknown check", 404, () => rw.DELETE("/api/v1/checks/{code}", code));
  await rec.probe("deleteCheck", "no key", 401, () => anon.DELETE("/api/v1/checks/{code}", code), {
    badInput: BAD.noKey,
  });
  if (ro) await rec.probe("deleteCheck", "read-only key", 401, () => ro.DELETE("/api/v1/checks/{code}", code));

  // --- v1.16.0: pings, flips and lookups by unique_key ---
  if (v.pingsAndFlips) {
    const uniqueKey = { params: { path: { code: uniqueKeyOf(unknownCode) } } };
    await rec.probe("getCheck", "unknown unique_key", 404, () => rw.GET("/api/v1/checks/{code}", uniqueKey));
    await rec.probe("listPings", "unknown check", 404, () => rw.GET("/api/v1/checks/{code}/pings/", code));
    await rec.probe("listPings", "no key", 401, () => anon.GET("/api/v1/checks/{code}/pings/", code), {
      badInput: BAD.noKey,
    });
    await rec.probe("listFlips", "unknown check", 404, () => rw.GET("/api/v1/checks/{code}/flips/", code));
    await rec.probe("listFlips", "unknown unique_key", 404, () => rw.GET("/api/v1/checks/{code}/flips/", uniqueKey));
    await rec.probe("listFlips", "no key", 401, () => anon.GET("/api/v1/checks/{code}/flips/", code), {
      badInput: BAD.noKey,
    });
  }

  // --- v1.23.0: badges ---
  if (v.badges) {
    await rec.probe("listBadges", "read-write key", 200, () => rw.GET("/api/v1/badges/"));
    if (ro) await rec.probe("listBadges", "read-only key", 200, () => ro.GET("/api/v1/badges/"));
    await rec.probe("listBadges", "no key", 401, () => anon.GET("/api/v1/badges/"), { badInput: BAD.noKey });
    await rec.probe("listBadges", "POST", 405, () => untyped(rw).POST("/api/v1/badges/"), { badInput: BAD.method });
  }

  if (!target.write) return;
  await writeProbes({ rec, target, v, base, rw, ro, make, untyped });
}

/** What the write probes share: the recorder, the target and its version's expectations, the clients. */
interface WriteRun {
  rec: Recorder;
  target: HealthchecksTarget;
  v: HealthchecksExpectations;
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

/**
 * The checks this run makes. Their names carry the run's id, so the clean-up deletes only what
 * this run made, never a check of the account's that happens to start with "live-check".
 */
class OwnChecks {
  readonly prefix = `live-check ${randomBytes(4).toString("hex")}`;
  private readonly created = new Set<string>();

  /** Remembers a check an answer made; returns its code. */
  keep(check: unknown): string | undefined {
    const c = codeOf(check);
    if (c) this.created.add(c);
    return c;
  }

  has(code: string): boolean {
    return this.created.has(code);
  }

  forget(code: string): void {
    this.created.delete(code);
  }

  /** Deletes this run's checks, and the ones a failed request may have left behind (v1.3.0 saves before a bad channel). */
  async cleanUp(rw: HealthchecksClient): Promise<void> {
    const list = await rw.GET("/api/v1/checks/");
    for (const check of list.data?.checks ?? [])
      if (check.name.startsWith(`${this.prefix} `)) this.created.add(codeOf(check)!);
    for (const c of this.created) await rw.DELETE("/api/v1/checks/{code}", { params: { path: { code: c } } });
  }
}

/** Creates own checks, reads, changes, pauses and deletes them; whatever happens, deletes what it made. */
async function writeProbes(run: WriteRun): Promise<void> {
  const own = new OwnChecks();
  try {
    const code = await createProbes(run, own);
    if (!code) return;
    await readOwnProbes(run, code);
    if (run.v.pingsAndFlips) await pingsAndFlips(run.rec, code, run.rw, run.ro);
    if (run.v.badges) await run.rec.probe("listBadges", "with tagged checks", 200, () => run.rw.GET("/api/v1/badges/"));
    await updateProbes(run, own, code);
    await pauseProbes(run, code);
    if (run.target.otherApiKey)
      await anotherAccount(run.rec, run.make(run.target.otherApiKey), run.rw, own.prefix, run.v);
    await deleteProbes(run, own, code);
  } finally {
    await own.cleanUp(run.rw);
  }
}

/** createCheck: the checks the later probes use, and the answers to bad bodies. Returns the simple check's code ("" when it failed). */
async function createProbes({ rec, target, rw, make }: WriteRun, own: OwnChecks): Promise<string> {
  const { prefix } = own;
  let code = "";
  await rec.probe("createCheck", "simple check", 201, async () => {
    const res = await rw.POST("/api/v1/checks/", {
      body: { name: `${prefix} simple`, tags: "live prod", timeout: 3600, grace: 60, channels: "*" },
    });
    code = own.keep(res.data) ?? "";
  });
  if (!code) return "";
  await rec.probe("createCheck", "cron check", 201, async () =>
    own.keep(
      (
        await rw.POST("/api/v1/checks/", {
          body: { name: `${prefix} cron`, schedule: "*/5 * * * *", tz: "Europe/Riga" },
        })
      ).data,
    ),
  );
  await rec.probe("createCheck", "unique match updates", 200, () =>
    rw.POST("/api/v1/checks/", { body: { name: `${prefix} simple`, tags: "live prod again", unique: ["name"] } }),
  );
  await rec.probe("createCheck", "key in the body", 201, async () => {
    const res = await make().POST("/api/v1/checks/", { body: { api_key: target.apiKey, name: `${prefix} body key` } });
    own.keep(res.data);
    return res;
  });
  // v1.3.0 answers an HTML 400 after saving the check; v1.15.0 and later a JSON 400, saving nothing.
  await rec.probe("createCheck", "unknown channel id", 400, () =>
    rw.POST("/api/v1/checks/", { body: { name: `${prefix} bad channel`, channels: randomUUID() } }),
  );
  // Up to v1.23.x (at least) `unique: ["timeout"]` without a timeout fails with a 500: the
  // lookup reads spec["timeout"] before anything is saved (v1.3.0, v1.15.0 and v1.23.1 alike;
  // v4.3 treats the absent field as no match and creates the check).
  await rec.probe(
    "createCheck",
    "unique timeout without timeout",
    500,
    async () => {
      const res = await rw.POST("/api/v1/checks/", { body: { name: `${prefix} unique timeout`, unique: ["timeout"] } });
      own.keep(res.data);
      return res;
    },
    { badInput: BAD.uniqueWithoutField },
  );
  if (target.limitedApiKey) {
    await rec.probe("createCheck", "account at its check limit", 403, () =>
      make(target.limitedApiKey).POST("/api/v1/checks/", { body: { name: `${prefix} over` } }),
    );
  }
  return code;
}

/** getCheck and listChecks with the own checks there. */
async function readOwnProbes({ rec, v, rw, ro }: WriteRun, code: string): Promise<void> {
  const path = { params: { path: { code } } };
  // Before v1.14.0 GET on a single check is 405 (after the key, lookup and owner checks), and
  // before v1.15.0 a read-only key gets 401.
  await rec.probe("getCheck", "own check", v.getCheck ? 200 : 405, () => rw.GET("/api/v1/checks/{code}", path));
  if (ro)
    await rec.probe("getCheck", "read-only key", v.readOnlyGetCheck ? 200 : 401, () =>
      ro.GET("/api/v1/checks/{code}", path),
    );
  await rec.probe("listChecks", "with checks", 200, () => rw.GET("/api/v1/checks/"));
  if (ro) await rec.probe("listChecks", "read-only key, with checks", 200, () => ro.GET("/api/v1/checks/"));
}

/** updateCheck on an own check. */
async function updateProbes({ rec, target, rw, make, untyped }: WriteRun, own: OwnChecks, code: string): Promise<void> {
  const path = { params: { path: { code } } };
  await rec.probe("updateCheck", "rename, unassign channels", 200, () =>
    rw.POST("/api/v1/checks/{code}", { ...path, body: { name: `${own.prefix} renamed`, channels: "" } }),
  );
  await rec.probe("updateCheck", "empty body", 200, () => rw.POST("/api/v1/checks/{code}", path));
  await rec.probe(
    "updateCheck",
    "timeout too small",
    400,
    () => rw.POST("/api/v1/checks/{code}", { ...path, body: { timeout: 1 } }),
    { badInput: BAD.timeout },
  );
  await rec.probe("updateCheck", "key in the body", 200, () =>
    make().POST("/api/v1/checks/{code}", { ...path, body: { api_key: target.apiKey, tags: "live" } }),
  );
  await rec.probe("updateCheck", "PUT", 405, () => untyped(rw).PUT("/api/v1/checks/{code}", path), {
    badInput: BAD.method,
  });
}

/** pauseCheck on an own check, and the list with it paused. */
async function pauseProbes({ rec, base, rw, ro }: WriteRun, code: string): Promise<void> {
  const path = { params: { path: { code } } };
  await rec.probe("pauseCheck", "pause", 200, () => rw.POST("/api/v1/checks/{code}/pause", path));
  await rec.probe("pauseCheck", "pause again", 200, () => rw.POST("/api/v1/checks/{code}/pause", path));
  if (ro) await rec.probe("pauseCheck", "read-only key", 401, () => ro.POST("/api/v1/checks/{code}/pause", path));
  await rec.probe(
    "pauseCheck",
    "unparsable body",
    400,
    () => rw.POST("/api/v1/checks/{code}/pause", { ...path, body: "{not json" as never }),
    { badInput: BAD.unparsable },
  );
  // A JSON array without a header: up to v1.23.x the key lookup fails on it with a 500 (fixed in v1.24.0).
  await rec.probe(
    "pauseCheck",
    "array body, no header",
    500,
    () => rec.raw("POST", `${base}/api/v1/checks/${code}/pause`, {}, "[1]"),
    { badInput: BAD.arrayBody },
  );
  await rec.probe("listChecks", "paused check", 200, () => rw.GET("/api/v1/checks/"));
}

/** deleteCheck on an own check: a DELETE body, the delete, and the 404 after it. */
async function deleteProbes({ rec, v, rw }: WriteRun, own: OwnChecks, code: string): Promise<void> {
  const path = { params: { path: { code } } };
  // Before v1.23.0 a DELETE body is parsed (400 when it is not JSON); later it is ignored and the check deleted.
  await rec.probe(
    "deleteCheck",
    "unparsable body",
    v.parsesGetBody ? 400 : 200,
    async () => {
      const res = await rw.DELETE("/api/v1/checks/{code}", { ...path, body: "{not json" as never });
      if (res.response.ok) own.forget(code);
      return res;
    },
    { badInput: BAD.deleteBody },
  );
  if (own.has(code)) {
    await rec.probe("deleteCheck", "own check", 200, () => rw.DELETE("/api/v1/checks/{code}", path));
    own.forget(code);
  }
  await rec.probe("deleteCheck", "deleted again", 404, () => rw.DELETE("/api/v1/checks/{code}", path));
}

/** v1.16.0+: an own check's pings and flips, by UUID and by unique_key, and the lookup by unique_key. */
async function pingsAndFlips(
  rec: Recorder,
  code: string,
  rw: HealthchecksClient,
  ro: HealthchecksClient | undefined,
): Promise<void> {
  const path = { params: { path: { code } } };
  const byKey = { params: { path: { code: uniqueKeyOf(code) } } };
  await rec.probe("getCheck", "own check by unique_key", 200, () => rw.GET("/api/v1/checks/{code}", byKey));
  if (ro)
    await rec.probe("getCheck", "read-only key, by unique_key", 200, () => ro.GET("/api/v1/checks/{code}", byKey));
  await rec.probe("listPings", "own check", 200, () => rw.GET("/api/v1/checks/{code}/pings/", path));
  if (ro) await rec.probe("listPings", "read-only key", 401, () => ro.GET("/api/v1/checks/{code}/pings/", path));
  await rec.probe("listFlips", "own check", 200, () => rw.GET("/api/v1/checks/{code}/flips/", path));
  await rec.probe("listFlips", "own check by unique_key", 200, () => rw.GET("/api/v1/checks/{code}/flips/", byKey));
  if (ro) await rec.probe("listFlips", "read-only key", 200, () => ro.GET("/api/v1/checks/{code}/flips/", path));
  await rec.probe("listFlips", "seconds filter", 200, () =>
    rw.GET("/api/v1/checks/{code}/flips/", { params: { ...path.params, query: { seconds: 3600 } } }),
  );
  await rec.probe(
    "listFlips",
    "negative seconds",
    400,
    () => rw.GET("/api/v1/checks/{code}/flips/", { params: { ...path.params, query: { seconds: -1 } } }),
    { badInput: BAD.flipsQuery },
  );
}

/** Another account's check: 403 for every operation on it; made and deleted with that account's key. */
async function anotherAccount(
  rec: Recorder,
  other: HealthchecksClient,
  rw: HealthchecksClient,
  prefix: string,
  v: HealthchecksExpectations,
): Promise<void> {
  const theirs = await other.POST("/api/v1/checks/", { body: { name: `${prefix} other account` } });
  const theirCode = codeOf(theirs.data);
  if (!theirCode) return;
  const theirPath = { params: { path: { code: theirCode } } };
  try {
    await rec.probe("getCheck", "another account's check", 403, () => rw.GET("/api/v1/checks/{code}", theirPath));
    if (v.pingsAndFlips) {
      await rec.probe("listPings", "another account's check", 403, () =>
        rw.GET("/api/v1/checks/{code}/pings/", theirPath),
      );
      await rec.probe("listFlips", "another account's check", 403, () =>
        rw.GET("/api/v1/checks/{code}/flips/", theirPath),
      );
    }
    await rec.probe("updateCheck", "another account's check", 403, () =>
      rw.POST("/api/v1/checks/{code}", { ...theirPath, body: {} }),
    );
    await rec.probe("pauseCheck", "another account's check", 403, () =>
      rw.POST("/api/v1/checks/{code}/pause", theirPath),
    );
    await rec.probe("deleteCheck", "another account's check", 403, () => rw.DELETE("/api/v1/checks/{code}", theirPath));
  } finally {
    await other.DELETE("/api/v1/checks/{code}", theirPath);
  }
}

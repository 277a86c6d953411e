// The live checks for a Livebridge server: login, reading the control data (GET and HEAD, token
// and cookie), and — in write mode — replacing it: a write-back of the document read, the 400,
// 412 and 500 refusals (none of which saves anything), and a real race of two read-change-write
// updates through updateControlData.
//
// The API cannot put back what it did not write: GET answers a normalised document (only `auth`
// and `bridges`, duplicate bridges merged, `targets: []` added) and PUT stores the server's YAML
// of what it is sent. So write mode needs the stored document itself (`store`, e.g. the control
// file): its bytes are read before the first write and put back, byte for byte, after the last.
import { createHash } from "node:crypto";
import {
  createLivebridgeClient,
  updateControlData,
  type ControlData,
  type ControlDataUpload,
} from "../../generated/livebridge/index.js";
import { WriteRefusedError, type ControlStore } from "./control-store.js";
import type { Exchange, Recorder } from "./recorder.js";

export interface LivebridgeTarget {
  url: string;
  user: string;
  password: string;
  write: boolean;
  /** The stored document, needed by `write` (restored byte for byte afterwards). */
  store?: ControlStore;
  /** Makes the control store unreadable and restores it (tests only: it takes the API down meanwhile). */
  breakStore?: { break(): Promise<void>; restore(): Promise<void> };
}

const WRONG_TOKEN = "00000000-0000-4000-8000-000000000000";
const STALE_ETAG = "0".repeat(32);

/** The Etag must be the MD5 of the body bytes (the server's json.dumps of the document). */
function etagMatchesBody(exchanges: Exchange[]): string[] {
  const problems: string[] = [];
  for (const e of exchanges) {
    if (e.method !== "GET" || e.status !== 200) continue;
    const etag = e.headers.get("etag");
    const md5 = createHash("md5").update(e.text).digest("hex");
    if (etag !== md5) problems.push(`Etag ${etag} is not the MD5 of the body (${md5})`);
  }
  return problems;
}

export async function checkLivebridge(rec: Recorder, target: LivebridgeTarget): Promise<void> {
  if (target.write && !target.store) {
    throw new WriteRefusedError(
      "livebridge --write needs --control-file <path> (the server's control file, on this machine): the API cannot restore the stored document byte for byte, so verify writes nothing without it",
    );
  }
  const base = target.url.replace(/\/+$/, "");
  const make = (token?: string) =>
    createLivebridgeClient({ baseUrl: base, fetch: rec.fetch, ...(token === undefined ? {} : { token }) });
  const client = make();
  const anon = make();
  const form = { username: target.user, password: target.password };

  // --- loginSession ---
  let token = "";
  await rec.probe("loginSession", "form credentials", 200, async () => {
    token = await client.login(target.user, target.password);
  });
  await rec.probe("loginSession", "multipart credentials", 200, async () => {
    const body = new FormData();
    body.set("username", target.user);
    body.set("password", target.password);
    return anon.POST("/api/v1/session", { body: body as never, headers: { "Content-Type": null as never } });
  });
  await rec.probe("loginSession", "wrong password", 401, () =>
    anon.POST("/api/v1/session", { body: { ...form, password: `${form.password}-wrong` } }),
  );
  await rec.probe(
    "loginSession",
    "JSON body",
    401,
    () =>
      anon.POST("/api/v1/session", {
        body: JSON.stringify(form) as never,
        headers: { "Content-Type": "application/json" as never },
      }),
    { badInput: "a JSON body where a form is documented" },
  );
  // The session route's Expect handler parses a form body as JSON and fails.
  await rec.probe("loginSession", "Expect header", 500, () =>
    rec.raw(
      "POST",
      `${base}/api/v1/session`,
      { "Content-Type": "application/x-www-form-urlencoded", Expect: "100-continue" },
      new URLSearchParams(form).toString(),
    ),
  );

  // --- getControlData / checkControlData ---
  let original: ControlData | undefined;
  await rec.probe(
    "getControlData",
    "token header",
    200,
    async () => {
      original = (await client.GET("/api/v1/controldata")).data;
    },
    { check: etagMatchesBody },
  );
  await rec.probe(
    "getControlData",
    "lb-db cookie",
    200,
    () => rec.raw("GET", `${base}/api/v1/controldata`, { Cookie: `lb-db=${token}` }),
    { check: etagMatchesBody },
  );
  await rec.probe("getControlData", "no token", 401, () => anon.GET("/api/v1/controldata"), { badInput: "no token" });
  await rec.probe("getControlData", "unknown token", 401, () => make(WRONG_TOKEN).GET("/api/v1/controldata"));
  await rec.probe("checkControlData", "token header", 200, () => client.HEAD("/api/v1/controldata"));
  await rec.probe("checkControlData", "no token", 401, () => anon.HEAD("/api/v1/controldata"), {
    badInput: "no token",
  });

  if (target.breakStore) {
    await target.breakStore.break();
    try {
      await rec.probe("getControlData", "unreadable store", 500, () => client.GET("/api/v1/controldata"));
      await rec.probe("checkControlData", "unreadable store", 500, () => client.HEAD("/api/v1/controldata"));
      if (target.write) {
        await rec.probe("replaceControlData", "unreadable store", 500, () =>
          client.PUT("/api/v1/controldata", {
            params: { header: { "If-Match": STALE_ETAG } },
            body: { auth: {}, bridges: [] },
          }),
        );
      }
    } finally {
      await target.breakStore.restore();
    }
  }

  if (!target.write || original === undefined) return;
  await writeProbes({ rec, base, token, original, make, client: make(token) }, target.store!);
}

type LivebridgeClient = ReturnType<typeof createLivebridgeClient>;

/** What the write probes share. */
interface WriteRun {
  rec: Recorder;
  base: string;
  token: string;
  /** The control data as GET answered it before any write. */
  original: ControlData;
  make: (token?: string) => LivebridgeClient;
  /** A client with the session's token. */
  client: LivebridgeClient;
}

/** Writes (and refused writes), a race of two updates, then the stored document put back as it was. */
async function writeProbes(run: WriteRun, store: ControlStore): Promise<void> {
  const etagBefore = await etagNow(run.client);
  const saved = await store.read();
  try {
    await replaceProbes(run);
    await raceProbes(run);
  } finally {
    await restoreProbes(run, store, saved, etagBefore);
  }
}

/** The Etag of the control data now (HEAD). */
async function etagNow(client: LivebridgeClient): Promise<string> {
  return (await client.HEAD("/api/v1/controldata")).response.headers.get("etag") ?? "";
}

/** replaceControlData: a write-back of what was read, and the 412, 400, 500 and 401 refusals, none of which saves anything. */
async function replaceProbes({ rec, base, token, original, make, client }: WriteRun): Promise<void> {
  const put = (etag: string, body: ControlDataUpload) =>
    client.PUT("/api/v1/controldata", { params: { header: { "If-Match": etag } }, body });
  await rec.probe("replaceControlData", "write back what was read", 200, async () =>
    put(await etagNow(client), original),
  );
  await rec.probe("replaceControlData", "stale If-Match", 412, () => put(STALE_ETAG, original));
  // What the client cannot send: no If-Match, or a body that is not the documented JSON.
  const rawPut = (headers: Record<string, string>, body: string) =>
    rec.raw("PUT", `${base}/api/v1/controldata`, { "X-Auth-Token": token, ...headers }, body);
  const json = "application/json";
  await rec.probe(
    "replaceControlData",
    "no If-Match",
    412,
    () => rawPut({ "Content-Type": json }, JSON.stringify(original)),
    { badInput: "no If-Match" },
  );
  await rec.probe(
    "replaceControlData",
    "form body",
    400,
    async () =>
      rawPut({ "If-Match": await etagNow(client), "Content-Type": "application/x-www-form-urlencoded" }, "a=b"),
    {
      badInput: "a form body",
    },
  );
  await rec.probe(
    "replaceControlData",
    "invalid JSON",
    500,
    async () => rawPut({ "If-Match": await etagNow(client), "Content-Type": json }, "{not json"),
    {
      badInput: "a body that is not JSON",
    },
  );
  await rec.probe(
    "replaceControlData",
    "no token",
    401,
    () => make().PUT("/api/v1/controldata", { params: { header: { "If-Match": STALE_ETAG } }, body: original }),
    {
      badInput: "no token",
    },
  );
}

/**
 * Two writers read the same Etag before either writes (a barrier guarantees it): one PUT wins,
 * the other gets 412, reads again and succeeds; both changes are kept. Their bridges are
 * inactive, so none starts.
 */
async function raceProbes({ rec, token, make, client }: WriteRun): Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const bothRead = new Promise<void>((r) => (release = r));
  const writer = (name: string) =>
    updateControlData(make(token), async (current, { attempt }) => {
      if (attempt === 1 && ++arrived === 2) release();
      if (attempt === 1) await bothRead;
      return {
        ...current,
        bridges: [
          ...current.bridges,
          { type: "liveblog", source_id: `live-check-${name}`, active: false, targets: [] },
        ],
      };
    });
  await rec.probe(
    "replaceControlData",
    "race of two updates (412, then retry)",
    200,
    async () => {
      const [a, b] = await Promise.all([writer("a"), writer("b")]);
      if (a.attempts + b.attempts !== 3)
        throw new Error(`expected one retry, got attempts ${a.attempts} and ${b.attempts}`);
    },
    { check: (exchanges) => (exchanges.some((e) => e.method === "PUT" && e.status === 412) ? [] : ["no PUT got 412"]) },
  );
  await rec.probe("getControlData", "after the race", 200, async () => {
    const doc = (await client.GET("/api/v1/controldata")).data;
    const ids = doc?.bridges.map((b) => b.source_id) ?? [];
    if (!ids.includes("live-check-a") || !ids.includes("live-check-b"))
      throw new Error(`both updates must be kept, got ${ids.join(", ")}`);
  });
}

/** The stored document exactly as it was, then the server's view of it as before (its Etag). */
async function restoreProbes(
  { rec, client }: WriteRun,
  store: ControlStore,
  saved: Buffer,
  etagBefore: string,
): Promise<void> {
  await store.write(saved);
  await rec.probe(
    "getControlData",
    "stored document restored byte for byte",
    200,
    () => client.GET("/api/v1/controldata"),
    {
      check: (exchanges) => {
        const etag = exchanges.at(-1)?.headers.get("etag");
        return etag === etagBefore
          ? []
          : [`after restoring the ${store.name} the server's Etag is ${etag}, not ${etagBefore} as before the writes`];
      },
    },
  );
  const now = await store.read();
  if (!now.equals(saved))
    throw new Error(`the ${store.name} was not restored: ${now.length} bytes differ from the ${saved.length} saved`);
}

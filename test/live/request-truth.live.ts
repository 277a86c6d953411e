// Request truth: the spec must refuse what the real servers refuse and accept what they accept.
// Per operation with a body or parameters, a corpus made from the request schemas (bounds at and
// beyond their limits, wrong types, enum and pattern near misses, the named examples) plus the
// cases the specs' prose names, sent to Healthchecks v1.3.0, v1.15.0, v1.23.1 and Livebridge
// 0.27.0. Prints spec verdict × server verdict per server; fails on any disagreement that is not
// in request-truth.reviewed.ts. REQUEST_TRUTH_REPORT=<file> writes every outcome as JSON.
import { describe, expect, inject, it } from "vitest";
import { bodyCorpus, type CorpusCase } from "../../scripts/conformance/request-corpus.js";
import {
  agreementTable,
  answerDepartures,
  bodyText,
  loadSpec,
  newerThan,
  send,
  specVerdict,
  writeReport,
  type Exchange,
  type Outcome,
} from "./request-truth.js";
import { reviewFor } from "./request-truth.reviewed.js";

const servers = inject("liveServers");
const hcDoc = loadSpec("healthchecks");
const lbDoc = loadSpec("livebridge");
const op = (doc: Record<string, any>, path: string, method: string) => doc.paths[path][method];
const jsonSchema = (operation: Record<string, any>) => operation.requestBody.content["application/json"].schema;
const examplesOf = (operation: Record<string, any>) =>
  Object.fromEntries(
    Object.entries(
      (operation.requestBody?.content?.["application/json"]?.examples ?? {}) as Record<string, { value: unknown }>,
    ).map(([k, v]) => [k, v.value]),
  );

/** The cases the specs' prose and issue 17 name, beyond what the schemas generate. */
function healthchecksProse(channels: string[], foreign: string): CorpusCase[] {
  const c = (label: string, body: unknown, property?: string): CorpusCase => ({
    label: `prose: ${label}`,
    body,
    ...(property ? { property } : {}),
  });
  return [
    c('schedule "not cron"', { schedule: "not cron" }, "schedule"),
    c('schedule "* * * *" (four fields)', { schedule: "* * * *" }, "schedule"),
    c('schedule "* * * * * *" (six fields)', { schedule: "* * * * * *" }, "schedule"),
    c('schedule "@daily"', { schedule: "@daily" }, "schedule"),
    c('schedule "0 0 31 2 *" (31 February)', { schedule: "0 0 31 2 *" }, "schedule"),
    c('schedule "0 0 31 11 *" (31 November)', { schedule: "0 0 31 11 *" }, "schedule"),
    c('schedule "5-3 * * * *" (backwards range)', { schedule: "5-3 * * * *" }, "schedule"),
    c('schedule "*/0 * * * *" (step 0)', { schedule: "*/0 * * * *" }, "schedule"),
    c('schedule "0  * * * *" (two spaces)', { schedule: "0  * * * *" }, "schedule"),
    c('schedule "15 5 * * MON-FRI"', { schedule: "15 5 * * MON-FRI" }, "schedule"),
    c('schedule "0 0 L * *" (croniter\'s L)', { schedule: "0 0 L * *" }, "schedule"),
    c('tz "Mars/Base"', { schedule: "* * * * *", tz: "Mars/Base" }, "tz"),
    c('tz "utc" (lowercase)', { schedule: "* * * * *", tz: "utc" }, "tz"),
    c('tz "Europe/Riga"', { schedule: "* * * * *", tz: "Europe/Riga" }, "tz"),
    c('tz "Europe/Kiev" (legacy name)', { schedule: "* * * * *", tz: "Europe/Kiev" }, "tz"),
    c('tz "America/Coyhaique" (tzdata 2025b, not in v4.3)', { schedule: "* * * * *", tz: "America/Coyhaique" }, "tz"),
    c('channels "not-a-uuid"', { channels: "not-a-uuid" }, "channels"),
    c('channels "bad"', { channels: "bad" }, "channels"),
    c("channels: the account's two ids", { channels: channels.join(",") }, "channels"),
    c("channels: an id in uppercase", { channels: channels[0]!.toUpperCase() }, "channels"),
    c("channels: ids with a space after the comma", { channels: channels.join(", ") }, "channels"),
    c("channels: a well-formed id of no integration", { channels: "00000000-0000-4000-8000-000000000000" }, "channels"),
    c("channels: another account's id", { channels: foreign }, "channels"),
    c('channels: an integration name ("Ops email")', { channels: "Ops email" }, "channels"),
    c("desc: 5", { desc: 5 }, "desc"),
    c('methods "GET"', { methods: "GET" }, "methods"),
    c('methods "post" (lowercase)', { methods: "post" }, "methods"),
    c('manual_resume "yes"', { manual_resume: "yes" }, "manual_resume"),
    c("manual_resume 1", { manual_resume: 1 }, "manual_resume"),
    c('unique ["timeout"] without timeout', { unique: ["timeout"] }, "unique"),
    c('unique ["grace"] without grace', { unique: ["grace"] }, "unique"),
    c('unique ["timeout"] with timeout', { unique: ["timeout"], timeout: 3600 }, "unique"),
    c('unique ["slug"] (v4.3)', { unique: ["slug"] }, "unique"),
    c("name: null", { name: null }, "name"),
    { label: "prose: timeout 300.0 (a float literal)", raw: '{"timeout": 300.0}', property: "timeout" },
    { label: "prose: grace 3600.0 (a float literal)", raw: '{"grace": 3600.0}', property: "grace" },
    c("timeout: true", { timeout: true }, "timeout"),
    c("timeout: 31536000 (v1.24.0+ maximum)", { timeout: 31536000 }, "timeout"),
    c('slug "Not A Slug" (v4.3 pattern)', { slug: "Not A Slug" }, "slug"),
  ];
}

/** Runs `task` over `items` one at a time: Healthchecks on SQLite answers concurrent writes with 500s (database locked). */
async function pool<T>(items: T[], task: (item: T) => Promise<unknown>, width = 1): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** The first case of each property and kind of mutation (`name|wrong type (a number)`), and every example. */
function oneOfEachKind(cases: CorpusCase[]): CorpusCase[] {
  const kinds = new Set<string>();
  return cases.filter((c) => {
    const kind = `${c.property ?? c.label}|${/\((wrong type|[^()]*)/.exec(c.label)?.[1] ?? "valid"}`;
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
}

interface HcRun {
  version: string;
  url: string;
  key: string;
}

async function runHealthchecks(hc: (typeof servers.healthchecks)[string], version: string): Promise<Outcome[]> {
  const run: HcRun = { version, url: hc.url, key: hc.owner.apiKey };
  const server = `Healthchecks ${version}`;
  const channels = hc.owner.channels.map((c) => c.id);
  const json = { "content-type": "application/json" };
  const withKey = (c: CorpusCase) => (c.property === "api_key" ? { ...json } : { ...json, "X-Api-Key": run.key });
  const created = new Set<string>();
  const codeOf = (text: string): string | undefined =>
    /\/api\/v1\/checks\/([0-9a-f-]{36})/.exec(text)?.[1] ?? /ping\/([0-9a-f-]{36})/.exec(text)?.[1];
  const newCheck = async (): Promise<string> => {
    const res = await send(run.url, {
      method: "POST",
      path: "/api/v1/checks/",
      headers: { ...json, "X-Api-Key": run.key },
      body: JSON.stringify({ name: "request-truth target" }),
    });
    const code = codeOf(res.text);
    if (!code) throw new Error(`${server}: could not create a check (${res.status} ${res.text.slice(0, 200)})`);
    created.add(code);
    return code;
  };
  const before = await send(run.url, { method: "GET", path: "/api/v1/checks/", headers: { "X-Api-Key": run.key } });
  const existing = new Set([...before.text.matchAll(/\/api\/v1\/checks\/([0-9a-f-]{36})/g)].map((m) => m[1]!));
  const outcomes: Outcome[] = [];

  const record = async (
    operationId: string,
    path: string,
    method: string,
    c: CorpusCase,
    ex: Exchange,
    pathParams: Record<string, string>,
  ) => {
    const pathItem = hcDoc.paths[path];
    const operation = pathItem[method.toLowerCase()];
    const why = await specVerdict(hcDoc, operation, pathItem, pathParams, run.url, ex);
    const res = await send(run.url, ex);
    const code = codeOf(res.text);
    if (code && !existing.has(code)) created.add(code);
    outcomes.push({
      server,
      operationId,
      label: c.label,
      ...(c.property ? { property: c.property } : {}),
      ...(c.since ? { since: c.since } : {}),
      spec: why.length ? "refuse" : "accept",
      specWhy: why,
      verdict: res.status >= 200 && res.status < 300 ? "accept" : "refuse",
      status: res.status,
      detail: res.text.replace(/\s+/g, " ").slice(0, 120),
      answer: answerDepartures(hcDoc, operation, method, res),
    });
    return res;
  };

  const samples = { api_key: [run.key], channels: [channels.join(","), channels[0]!] };
  const createOp = op(hcDoc, "/api/v1/checks/", "post");
  const updateOp = op(hcDoc, "/api/v1/checks/{code}", "post");
  const sinceOf = (c: CorpusCase): CorpusCase => {
    const since = c.property ? jsonSchema(createOp).properties?.[c.property]?.["x-since"] : undefined;
    return c.since || !since ? c : { ...c, since };
  };
  const prose = healthchecksProse(channels, hc.other.channels[0]!.id);
  const createCases = [
    ...bodyCorpus(jsonSchema(createOp), { samples, examples: examplesOf(createOp) }),
    ...prose.map(sinceOf),
  ];
  const updateCases = [
    ...bodyCorpus(jsonSchema(updateOp), { samples, examples: examplesOf(updateOp) }),
    ...prose.filter((c) => !c.label.includes("unique")).map(sinceOf),
  ];
  const deleteCases = bodyCorpus(jsonSchema(op(hcDoc, "/api/v1/checks/{code}", "delete")), {
    samples,
    examples: examplesOf(op(hcDoc, "/api/v1/checks/{code}", "delete")),
  });
  const pauseCases = bodyCorpus(jsonSchema(op(hcDoc, "/api/v1/checks/{code}/pause", "post")), {
    samples,
    examples: examplesOf(op(hcDoc, "/api/v1/checks/{code}/pause", "post")),
  });
  // Examples carry a placeholder key: send the real one in its place.
  const realKey = (c: CorpusCase): CorpusCase =>
    c.body && typeof c.body === "object" && (c.body as any).api_key === "your-32-character-api-key-000000"
      ? { ...c, body: { ...(c.body as object), api_key: run.key }, property: "api_key" }
      : c;

  // A property a server does not know yet is ignored whatever its value: one case per such property is enough.
  const seenLater = new Set<string>();
  const relevant = (c: CorpusCase) => {
    if (!newerThan(c.since, version) || !c.property) return true;
    if (seenLater.has(c.property)) return false;
    seenLater.add(c.property);
    return true;
  };
  await pool(createCases.filter(relevant).map(realKey), (c) =>
    record(
      "createCheck",
      "/api/v1/checks/",
      "POST",
      c,
      { method: "POST", path: "/api/v1/checks/", headers: withKey(c), body: bodyText(c) },
      {},
    ),
  );
  const target = await newCheck();
  seenLater.clear();
  // updateCheck runs the same validator as createCheck: one case per property and kind, and all the prose.
  await pool(
    [
      ...oneOfEachKind(updateCases.filter((c) => !c.label.startsWith("prose:"))),
      ...updateCases.filter((c) => c.label.startsWith("prose:")),
    ]
      .filter(relevant)
      .map(realKey),
    (c) =>
      record(
        "updateCheck",
        "/api/v1/checks/{code}",
        "POST",
        c,
        { method: "POST", path: `/api/v1/checks/${target}`, headers: withKey(c), body: bodyText(c) },
        { code: target },
      ),
  );
  await pool(pauseCases.map(realKey), (c) =>
    record(
      "pauseCheck",
      "/api/v1/checks/{code}/pause",
      "POST",
      c,
      { method: "POST", path: `/api/v1/checks/${target}/pause`, headers: withKey(c), body: bodyText(c) },
      { code: target },
    ),
  );
  // deleteCheck validates its body with the same schema as updateCheck (v1.23.0 and later ignore
  // DELETE bodies): the examples and one case per property and kind, each deleting a fresh check.
  seenLater.clear();
  await pool(oneOfEachKind(deleteCases).filter(relevant).map(realKey), async (c) => {
    const code = await newCheck();
    await record(
      "deleteCheck",
      "/api/v1/checks/{code}",
      "DELETE",
      c,
      { method: "DELETE", path: `/api/v1/checks/${code}`, headers: withKey(c), body: bodyText(c) },
      { code },
    );
  });
  // Parameters: the check code (getCheck, v1.14.0+) and the flips filters (listFlips, v1.16.0+).
  if (!newerThan("1.14.0", version)) {
    for (const [label, code] of [
      ["code: the check's UUID", target],
      ["code: UUID in uppercase", target.toUpperCase()],
      ["code: UUID without hyphens", target.replace(/-/g, "")],
    ] as const) {
      await record(
        "getCheck",
        "/api/v1/checks/{code}",
        "GET",
        { label },
        { method: "GET", path: `/api/v1/checks/${code}`, headers: { "X-Api-Key": run.key } },
        { code },
      );
    }
  }
  if (!newerThan("1.16.0", version)) {
    const queries: [string, string][] = [
      ["no filter", ""],
      ["seconds=0", "seconds=0"],
      ["seconds=31536000 (= maximum)", "seconds=31536000"],
      ["seconds=31536001 (maximum + 1)", "seconds=31536001"],
      ["seconds=-1 (minimum - 1)", "seconds=-1"],
      ["seconds=x (wrong type)", "seconds=x"],
      ["seconds=1.5 (fraction)", "seconds=1.5"],
      ["start=0", "start=0"],
      ["start=-1 (minimum - 1)", "start=-1"],
      ["start=10000000000 (= maximum)", "start=10000000000"],
      ["start=10000000001 (maximum + 1)", "start=10000000001"],
      ["end=x (wrong type)", "end=x"],
      ["end=10000000001 (maximum + 1)", "end=10000000001"],
    ];
    for (const [label, q] of queries) {
      await record(
        "listFlips",
        "/api/v1/checks/{code}/flips/",
        "GET",
        { label },
        {
          method: "GET",
          path: `/api/v1/checks/${target}/flips/${q ? `?${q}` : ""}`,
          headers: { "X-Api-Key": run.key },
        },
        { code: target },
      );
    }
  }
  for (const [label, q] of [
    ["tag=prod", "tag=prod"],
    ["tag= (empty)", "tag="],
    ["tag twice", "tag=a&tag=b"],
  ] as const) {
    await record(
      "listChecks",
      "/api/v1/checks/",
      "GET",
      { label },
      { method: "GET", path: `/api/v1/checks/?${q}`, headers: { "X-Api-Key": run.key } },
      {},
    );
  }
  // Clean up: every check this run created (a v1.3.0 bad-channel 400 creates one too).
  const after = await send(run.url, { method: "GET", path: "/api/v1/checks/", headers: { "X-Api-Key": run.key } });
  for (const m of after.text.matchAll(/\/api\/v1\/checks\/([0-9a-f-]{36})/g))
    if (!existing.has(m[1]!)) created.add(m[1]!);
  for (const code of created)
    await send(run.url, { method: "DELETE", path: `/api/v1/checks/${code}`, headers: { "X-Api-Key": run.key } });
  return outcomes;
}

async function runLivebridge(lb: typeof servers.livebridge): Promise<Outcome[]> {
  const { readFile } = await import("node:fs/promises");
  const server = "Livebridge 0.27.0";
  const seed = await readFile(lb.controlFile, "utf8");
  const login = await send(lb.url, {
    method: "POST",
    path: "/api/v1/session",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: lb.user, password: lb.password }).toString(),
  });
  const token = (JSON.parse(login.text) as { token: string }).token;
  const auth = { "X-Auth-Token": token };
  const putOp = op(lbDoc, "/api/v1/controldata", "put");
  const getOp = op(lbDoc, "/api/v1/controldata", "get");
  const getSchema = getOp.responses["200"].content["application/json"].schema;
  const { validate } = await import("../../scripts/conformance/ajv.js");
  const examples = examplesOf(putOp);
  const c = (label: string, body: unknown): CorpusCase => ({ label: `prose: ${label}`, body });
  const prose: CorpusCase[] = [
    c("top level []", []),
    c("top level null", null),
    c('top level "str"', "str"),
    c("top level 42", 42),
    c('bridges "x"', { bridges: "x" }),
    c("bridges [1]", { bridges: [1] }),
    c("bridges null", { bridges: null }),
    c("bridges {}", { bridges: {} }),
    c("targets null", { bridges: [{ targets: null }] }),
    c("targets 5", { bridges: [{ targets: 5 }] }),
    c('targets "ab"', { bridges: [{ targets: "ab" }] }),
    c("targets {k: 1}", { bridges: [{ targets: { k: 1 } }] }),
    c("targets [1]", { bridges: [{ targets: [1] }] }),
    c('auth "x"', { auth: "x" }),
    c("auth null", { auth: null }),
    c("auth []", { auth: [] }),
    c("auth {a: 1}", { auth: { a: 1 } }),
    c("auth {a: {user: 1}}", { auth: { a: { user: 1 } } }),
    c("active 0", { bridges: [{ active: 0 }] }),
    c("active 1", { bridges: [{ active: 1 }] }),
    c('active "no"', { bridges: [{ active: "no" }] }),
    c("type 1", { bridges: [{ type: 1 }] }),
    c("source_id null", { bridges: [{ source_id: null }] }),
    c('poll_interval "x"', { bridges: [{ poll_interval: "x" }] }),
    c("target type 1", { bridges: [{ targets: [{ type: 1 }] }] }),
    c("target auth naming no account", { bridges: [{ targets: [{ auth: "nobody" }] }] }),
    c("extra top-level key", { auth: {}, bridges: [], extra: 1 }),
    c("two equal bridges", { bridges: [{ label: "a" }, { label: "a" }] }),
    { label: "prose: poll_interval 1e400 (beyond a double)", raw: '{"bridges": [{"poll_interval": 1e400}]}' },
  ];
  const cases = [...bodyCorpus(jsonSchema(putOp), { base: examples.UploadSeed, examples }), ...prose];
  const outcomes: Outcome[] = [];
  const { writeFile: write } = await import("node:fs/promises");
  try {
    for (const k of cases) {
      await write(lb.controlFile, seed);
      const head = await send(lb.url, { method: "HEAD", path: "/api/v1/controldata", headers: auth });
      const etag = head.headers.get("etag") ?? "";
      const ex: Exchange = {
        method: "PUT",
        path: "/api/v1/controldata",
        headers: { ...auth, "If-Match": etag, "content-type": "application/json" },
        body: bodyText(k),
      };
      const why = await specVerdict(lbDoc, putOp, lbDoc.paths["/api/v1/controldata"], {}, lb.url, ex);
      const res = await send(lb.url, ex);
      let verdict: Outcome["verdict"] = res.status === 200 ? "accept" : "refuse";
      let detail = res.text.slice(0, 120);
      if (res.status === 200) {
        // Accepted: does the API still serve it, as ControlData?
        const got = await send(lb.url, { method: "GET", path: "/api/v1/controldata", headers: auth });
        if (got.status !== 200) {
          verdict = "refuse";
          detail = `saved, then GET answers ${got.status}: the API is broken until the store is fixed by hand`;
        } else {
          let parsed: unknown;
          try {
            parsed = JSON.parse(got.text);
          } catch {
            parsed = undefined;
          }
          const errs = parsed === undefined ? ["GET body is not JSON"] : validate(getSchema, parsed);
          if (errs.length) {
            verdict = "refuse";
            detail = `saved, then GET answers 200 outside ControlData: ${errs.slice(0, 2).join("; ")} (${got.text.slice(0, 80)})`;
          }
        }
      }
      outcomes.push({
        server,
        operationId: "replaceControlData",
        label: k.label,
        ...(k.property ? { property: k.property } : {}),
        spec: why.length ? "refuse" : "accept",
        specWhy: why,
        verdict,
        status: res.status,
        detail,
        answer: answerDepartures(lbDoc, putOp, "PUT", res),
      });
    }
  } finally {
    await write(lb.controlFile, seed);
  }
  // loginSession: a form body.
  const loginOp = op(lbDoc, "/api/v1/session", "post");
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const logins: [string, Exchange][] = [
    [
      "example LoginForm with the configured credentials",
      {
        method: "POST",
        path: "/api/v1/session",
        headers: form,
        body: new URLSearchParams({ username: lb.user, password: lb.password }).toString(),
      },
    ],
    [
      "password missing",
      {
        method: "POST",
        path: "/api/v1/session",
        headers: form,
        body: new URLSearchParams({ username: lb.user }).toString(),
      },
    ],
    [
      "credentials as JSON",
      {
        method: "POST",
        path: "/api/v1/session",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: lb.user, password: lb.password }),
      },
    ],
    ["no body", { method: "POST", path: "/api/v1/session", headers: form, body: "" }],
  ];
  for (const [label, ex] of logins) {
    const why = await specVerdict(lbDoc, loginOp, lbDoc.paths["/api/v1/session"], {}, lb.url, ex);
    const res = await send(lb.url, ex);
    outcomes.push({
      server,
      operationId: "loginSession",
      label,
      spec: why.length ? "refuse" : "accept",
      specWhy: why,
      verdict: res.status === 200 ? "accept" : "refuse",
      status: res.status,
      detail: res.text.slice(0, 120),
      answer: answerDepartures(lbDoc, loginOp, "POST", res),
    });
  }
  return outcomes;
}

function judge(outcomes: Outcome[], version: string) {
  const disagreements = outcomes.filter((o) => o.spec !== o.verdict);
  const unreviewed = disagreements.filter((o) => !reviewFor(o, version));
  const undocumented = outcomes.filter((o) => o.answer.length > 0);
  return { disagreements, unreviewed, undocumented };
}

const line = (o: Outcome) =>
  `${o.operationId} ${o.label}: spec ${o.spec}s${o.specWhy.length ? ` (${o.specWhy[0]!.slice(0, 90)})` : ""}, server ${o.status} ${o.detail.slice(0, 90)}`;

/** The table, then each disagreement with its review (grouped by reason). */
function report(server: string, version: string, outcomes: Outcome[]): string {
  const { disagreements } = judge(outcomes, version);
  const byReason = new Map<string, Outcome[]>();
  for (const o of disagreements) {
    const why = reviewFor(o, version)?.reason ?? "NOT REVIEWED";
    byReason.set(why, [...(byReason.get(why) ?? []), o]);
  }
  const groups = [...byReason].map(
    ([why, os]) => `  ${os.length} × ${why}\n${os.map((o) => `      ${line(o)}`).join("\n")}`,
  );
  return `${agreementTable(server, outcomes)}\n  disagreements: ${disagreements.length}\n${groups.join("\n")}`;
}

describe("request truth", () => {
  const results = new Map<string, Promise<Outcome[]>>();
  const all = () => Promise.all([...results.values()]).then((r) => r.flat());
  // All four servers at once; each test below reads its own server's outcomes.
  for (const [version, hc] of Object.entries(servers.healthchecks)) results.set(version, runHealthchecks(hc, version));
  results.set("0.27.0", runLivebridge(servers.livebridge));
  // A rejection is reported by the test that awaits it.
  for (const p of results.values()) p.catch(() => undefined);

  for (const version of Object.keys(servers.healthchecks)) {
    it(`Healthchecks ${version}: the spec accepts what the server accepts and refuses what it refuses`, async () => {
      const outcomes = await results.get(version)!;
      const { unreviewed, undocumented } = judge(outcomes, version);
      console.log(report(`Healthchecks ${version}`, version, outcomes));
      expect(
        undocumented.map((o) => `${line(o)} → ${o.answer.map((d) => `${d.at}: ${d.cause}`).join("; ")}`),
        "answers the spec does not document",
      ).toEqual([]);
      expect(unreviewed.map(line), "disagreements not in request-truth.reviewed.ts").toEqual([]);
    }, 240_000);
  }
  it("Livebridge 0.27.0: the spec refuses every body the server cannot serve afterwards", async () => {
    const outcomes = await results.get("0.27.0")!;
    const { unreviewed, undocumented } = judge(outcomes, "0.27.0");
    console.log(report("Livebridge 0.27.0", "0.27.0", outcomes));
    expect(
      undocumented.map((o) => `${line(o)} → ${o.answer.map((d) => `${d.at}: ${d.cause}`).join("; ")}`),
      "answers the spec does not document",
    ).toEqual([]);
    expect(unreviewed.map(line), "disagreements not in request-truth.reviewed.ts").toEqual([]);
    // Every body that breaks the API for good is one the spec refuses.
    expect(outcomes.filter((o) => o.detail.includes("broken until") && o.spec === "accept").map(line)).toEqual([]);
    await writeReport(process.env.REQUEST_TRUTH_REPORT, await all());
  }, 240_000);
});

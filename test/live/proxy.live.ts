// The validating proxy in front of the real servers (Healthchecks v1.3.0, v1.15.0 and v1.23.1, Livebridge
// 0.27.0, started by the live harness): answers come back byte for byte as the server gives
// them (Livebridge's Etag still matches its body), HEAD works, the report says what the checker
// says about the direct answer, each offending value once, a dropped connection is a hang-up, and
// no credential (query string, header, body, token) appears in a printed line or the report file.
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getApi } from "../../scripts/registry/apis.js";
import { checkResponse } from "../../scripts/conformance/http-check.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { startValidatingProxy, type ProxyHandle } from "../../scripts/proxy/proxy.js";
import { formatReport, ReportFile, type ProxyReport } from "../../scripts/proxy/proxy-report.js";
import { endToEnd, rawHeader, send, type Raw } from "../support/raw-http.js";
import { loadSpec } from "../support/spec.js";

const servers = inject("liveServers");
const md5 = (text: Buffer) => createHash("md5").update(text).digest("hex");
// Date moves between the direct and the proxied request; everything else must be equal.
const comparable = (r: Raw) => ({
  status: r.status,
  statusMessage: r.statusMessage,
  headers: endToEnd(r.rawHeaders, ["date"]),
  body: r.body.toString("base64"),
});

/** A proxy in front of `upstream` whose reports are collected (and written to a report file). */
async function proxyFor(api: string, upstream: string) {
  const reports: ProxyReport[] = [];
  const dir = mkdtempSync(join(tmpdir(), "proxy-live-"));
  const file = new ReportFile(join(dir, "report.json"), { api, upstream });
  const proxy: ProxyHandle = await startValidatingProxy(getApi(api), upstream, {
    port: 0,
    onReport: (r) => {
      reports.push(r);
      file.add(r);
    },
  });
  /** Sends through the proxy; resolves with the answer and its report. */
  const call = async (path: string, options: Parameters<typeof send>[1] = {}) => {
    const count = reports.length + 1;
    const res = await send(`${proxy.url}${path}`, options);
    for (let i = 0; i < 1000 && reports.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    expect(reports.length, "the proxy reported the exchange").toBe(count);
    return { res, report: reports.at(-1)! };
  };
  const close = async () => {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { proxy, reports, file, call, close };
}

/** The checker's verdict on an answer obtained directly from the server. */
async function directDepartures(api: string, method: string, path: string, res: Raw) {
  const spec = await loadSpec(api);
  const op = listOperations(spec).find((o) => o.method === method && o.path === path)!;
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  return checkResponse(spec, op.operation, { status: res.status, headers, text: res.body.toString("utf8") }, method);
}

for (const [version, hc] of Object.entries(servers.healthchecks)) {
  describe(`proxy in front of Healthchecks ${version}`, () => {
    let p: Awaited<ReturnType<typeof proxyFor>>;
    // Own checks, in the second account and with an own tag, so other live tests never see them.
    const tag = `proxy-live-${randomUUID().slice(0, 8)}`;
    const key = hc.other.apiKey;
    const created: string[] = [];

    beforeAll(async () => {
      p = await proxyFor("healthchecks", hc.url);
      for (const body of [
        { name: "proxy simple", tags: tag, timeout: 3600 },
        { name: "proxy cron", tags: tag, schedule: "*/5 * * * *", tz: "UTC" },
      ]) {
        const res = await send(`${hc.url}/api/v1/checks/`, {
          method: "POST",
          headers: { "X-Api-Key": key, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status, res.body.toString()).toBe(201);
        created.push(String(JSON.parse(res.body.toString()).update_url).split("/").pop()!);
      }
    });

    afterAll(async () => {
      for (const code of created)
        await send(`${hc.url}/api/v1/checks/${code}`, { method: "DELETE", headers: { "X-Api-Key": key } });
      await p?.close();
    });

    it("GET /api/v1/checks/: the same status, headers and bytes as directly; the report is the checker's verdict, each value once", async () => {
      const path = `/api/v1/checks/?tag=${tag}`;
      const { res, report } = await p.call(path, { headers: { "X-Api-Key": key } });
      const direct = await send(`${hc.url}${path}`, { headers: { "X-Api-Key": key } });
      expect(comparable(res)).toEqual(comparable(direct));
      expect(JSON.parse(res.body.toString()).checks).toHaveLength(2);
      expect(report).toMatchObject({ operation: "listChecks", status: 200, answered: 200, bodyBytes: res.body.length });
      expect(report.departures).toEqual(await directDepartures("healthchecks", "get", "/api/v1/checks/", direct));
      expect(report.outcome).toBe(report.departures.length ? "departs" : "conforms");
      const where = report.departures.map((d) => d.at);
      expect(new Set(where).size, where.join(", ")).toBe(where.length); // one report per offending value
      if (version === "1.3.0") expect(report.departures).toEqual([]); // the seed's era: conforms
    });

    it("HEAD answers as the server does, never a made-up 500", async () => {
      const direct = await send(`${hc.url}/api/v1/checks/`, { method: "HEAD", headers: { "X-Api-Key": key } });
      const { res, report } = await p.call("/api/v1/checks/", { method: "HEAD", headers: { "X-Api-Key": key } });
      expect(res.status).toBe(direct.status);
      expect(res.body.length).toBe(0);
      expect(report).toMatchObject({ method: "HEAD", status: direct.status, operation: "listChecks as HEAD" });
    });

    it("a wrong key: the server's 401 passes unchanged and conforms; the request lacks nothing", async () => {
      const { res, report } = await p.call("/api/v1/channels/", { headers: { "X-Api-Key": "x".repeat(32) } });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body.toString())).toEqual({ error: "wrong api key" });
      expect(report).toMatchObject({ status: 401, outcome: "conforms", departures: [] });
    });

    it("the key never appears in a printed line or the report file: in the query string, the header, the body", async () => {
      const first = p.reports.length;
      const inQuery = await p.call(`/api/v1/checks/?api_key=${key}&tag=${tag}`);
      expect(inQuery.report.path).toBe(`/api/v1/checks/?api_key=***&tag=${tag}`);
      await p.call(`/api/v1/checks/?tag=${tag}`, { headers: { "X-Api-Key": key } });
      const inBody = await p.call("/api/v1/checks/", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ api_key: key, name: "proxy body key", tags: tag }),
      });
      expect(inBody.res.status, inBody.res.body.toString()).toBe(201);
      created.push(String(JSON.parse(inBody.res.body.toString()).update_url).split("/").pop()!);
      p.file.flush();
      const printed = p.reports.slice(first).map(formatReport).join("\n");
      expect(printed).toContain("api_key=***");
      expect(printed).not.toContain(key);
      expect(readFileSync(p.file.path, "utf8")).not.toContain(key);
    });

    it("the report file holds every exchange in full", () => {
      p.file.flush();
      const written = JSON.parse(readFileSync(p.file.path, "utf8"));
      expect(written.requests).toEqual(JSON.parse(JSON.stringify(p.reports)));
      expect(written.summary.requests).toBe(p.reports.length);
    });
  });
}

describe("proxy in front of Livebridge 0.27.0", () => {
  const lb = servers.livebridge;
  let p: Awaited<ReturnType<typeof proxyFor>>;
  let token: string;

  beforeAll(async () => {
    p = await proxyFor("livebridge", lb.url);
    const { res, report } = await p.call("/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: lb.user, password: lb.password }).toString(),
    });
    expect(res.status).toBe(200);
    expect(report).toMatchObject({ operation: "loginSession", outcome: "conforms" });
    token = JSON.parse(res.body.toString()).token;
  });

  afterAll(async () => {
    await p?.close();
  });

  it("the report never repeats the password or the token, nor the token sent as a cookie", async () => {
    await p.call("/api/v1/controldata", { method: "HEAD", headers: { Cookie: `lb-db=${token}` } });
    p.file.flush();
    for (const text of [
      JSON.stringify(p.reports),
      p.reports.map(formatReport).join("\n"),
      readFileSync(p.file.path, "utf8"),
    ]) {
      expect(text).not.toContain(lb.password);
      expect(text).not.toContain(token);
    }
  });

  it("GET /api/v1/controldata: the body bytes and Etag are the server's, and the Etag is the body's MD5", async () => {
    const { res, report } = await p.call("/api/v1/controldata", { headers: { "X-Auth-Token": token } });
    const direct = await send(`${lb.url}/api/v1/controldata`, { headers: { "X-Auth-Token": token } });
    expect(comparable(res)).toEqual(comparable(direct));
    expect(rawHeader(res.rawHeaders, "etag")).toBe(md5(res.body));
    expect(report).toMatchObject({ operation: "getControlData", status: 200, outcome: "conforms" });
  });

  it("HEAD with a token: 200 and the same Etag, no body, conforms", async () => {
    const get = await send(`${lb.url}/api/v1/controldata`, { headers: { "X-Auth-Token": token } });
    const { res, report } = await p.call("/api/v1/controldata", { method: "HEAD", headers: { "X-Auth-Token": token } });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(rawHeader(res.rawHeaders, "etag")).toBe(rawHeader(get.rawHeaders, "etag"));
    expect(report).toMatchObject({ operation: "checkControlData", status: 200, outcome: "conforms", departures: [] });
  });

  it("HEAD without a token: the server's 401 (not a 500); only the request's missing token is reported", async () => {
    const { res, report } = await p.call("/api/v1/controldata", { method: "HEAD" });
    expect(res.status).toBe(401);
    expect(report).toMatchObject({ status: 401, answered: 401, outcome: "departs" });
    expect(report.departures).toEqual([expect.objectContaining({ side: "request", at: "credentials" })]);
  });

  it("PUT with the Etag read through the proxy succeeds (the bytes it hashed are the bytes we got)", async () => {
    const { res: got } = await p.call("/api/v1/controldata", { headers: { "X-Auth-Token": token } });
    // Writing back what was read keeps the state (and the Etag) other live tests see.
    const { res, report } = await p.call("/api/v1/controldata", {
      method: "PUT",
      headers: {
        "X-Auth-Token": token,
        "If-Match": rawHeader(got.rawHeaders, "etag")!,
        "Content-Type": "application/json",
      },
      body: got.body,
    });
    expect(res.status, res.body.toString()).toBe(200);
    expect(report).toMatchObject({ operation: "replaceControlData", status: 200, outcome: "conforms" });
  });

  it("the server dropping the connection (unknown path) is reported as a hang-up, and the client gets 502", async () => {
    const { res, report } = await p.call("/api/v1/controldata/", { headers: { "X-Auth-Token": token } });
    expect(res.status).toBe(502);
    expect(report).toMatchObject({ outcome: "hang-up", status: null, answered: 502 });
    expect(report.failure).toMatch(/closed the connection before answering/);
  });
});

// `npm run proxy`: the validating proxy in front of small local upstreams that answer as the spec
// says, against it, or not at all. The same request made directly and through the proxy must
// give the same status, end-to-end headers and body bytes; each departure is reported once.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { ExampleObject, OpenAPIObject, SchemaObject, SchemaObjectType } from "openapi3-ts/oas31";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApi } from "../../scripts/registry/apis.js";
import { startValidatingProxy, type ProxyHandle } from "../../scripts/proxy/proxy.js";
import { formatReport, ReportFile, type ProxyReport } from "../../scripts/proxy/proxy-report.js";
import { endToEnd, rawHeader, send, type Raw } from "../support/raw-http.js";
import { loadSpec } from "../support/spec.js";

const KEY = "a".repeat(32);
const TOKEN = "58725ad5-d669-4431-9991-1a0cff261526";

const twoChecks = (hc: OpenAPIObject) =>
  (hc.components!.examples!.TwoChecks as ExampleObject).value as { checks: Record<string, unknown>[] };

// A spec of our own for the grouping of schema errors, so these tests do not move with the APIs'
// schemas: a list of closed objects that are one of two kinds.
const closed = (title: string, field: string, type: SchemaObjectType): SchemaObject => ({
  title,
  type: "object",
  additionalProperties: false,
  required: ["name", field],
  properties: { name: { type: "string" }, [field]: { type } },
});
const THINGS_SPEC: OpenAPIObject = {
  openapi: "3.1.0",
  info: { title: "things", version: "1" },
  paths: {
    "/things/": {
      get: {
        operationId: "listThings",
        responses: {
          "200": {
            description: "The things.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["things"],
                  properties: {
                    things: {
                      type: "array",
                      items: { oneOf: [closed("Simple", "timeout", "integer"), closed("Cron", "schedule", "string")] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const digest = (r: Raw) =>
  createHash("sha256")
    .update(JSON.stringify([r.status, r.statusMessage, endToEnd(r.rawHeaders)]))
    .update(r.body)
    .digest("hex");

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
}
const closeServer = (server: Server | undefined) =>
  new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r()));

// --- the upstreams ----------------------------------------------------------------------------

const received: { method: string; url: string; rawHeaders: string[]; body: Buffer }[] = [];

function healthchecksUpstream(hc: OpenAPIObject) {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    res.sendDate = false; // a Date would differ between the direct and the proxied request
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      const url = new URL(req.url!, "http://x");
      const test = req.headers["x-test"];
      if (test === "hang-up") return req.socket.destroy();
      if (test === "hang-up-mid-body") {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
        res.write('{"checks": [');
        return setImmediate(() => req.socket.destroy());
      }
      const json = (status: number, text: string, extra: string[] = []) => {
        // Raw headers: odd case, a repeated header, a fixed Date — all must come back as they are.
        res.writeHead(status, status === 200 ? "Fine Thanks" : undefined, [
          "content-type",
          "application/json",
          "X-Custom-Case",
          "Kept",
          "Set-Cookie",
          "a=1; Path=/",
          "Set-Cookie",
          "b=2; Path=/",
          "Date",
          "Thu, 01 Jan 2026 00:00:00 GMT",
          "Content-Length",
          String(Buffer.byteLength(text)),
          ...extra,
        ]);
        res.end(text);
      };
      if (url.pathname === "/things/") {
        const simple = { name: "a", timeout: 60 };
        const cron = { name: "b", schedule: "* * * * *" };
        if (url.searchParams.get("case") === "many") {
          // 300 things, each with its own unknown field: 300 distinct departures, far over 8 KB
          return json(
            200,
            JSON.stringify({ things: Array.from({ length: 300 }, (_, i) => ({ ...simple, [`field_${i}`]: i })) }),
          );
        }
        return json(
          200,
          JSON.stringify({ things: [simple, cron, simple].map((t) => ({ ...t, desc: "added later" })) }),
        );
      }
      if (req.method === "OPTIONS") {
        // A preflight, as Healthchecks' @cors views answer it.
        res.writeHead(204, [
          "Access-Control-Allow-Origin",
          "*",
          "Access-Control-Allow-Headers",
          "X-Api-Key",
          "Access-Control-Max-Age",
          "600",
        ]);
        return res.end();
      }
      if (!req.headers["x-api-key"]) return json(401, '{"error": "missing api key"}');
      if (url.pathname === "/api/v1/checks/") {
        // Valid, but spaced as no serialiser of ours would write it.
        return json(200, `{ "checks" :\n  ${JSON.stringify(twoChecks(hc).checks, null, 3)} }`);
      }
      if (url.pathname === "/api/v1/channels/") {
        if (url.searchParams.has("gzip")) {
          const body = gzipSync(
            JSON.stringify({ channels: [{ id: "4ec5a071-2d08-4baa-898a-eb4eb3cd6941", name: "Ops", kind: "email" }] }),
          );
          res.writeHead(200, [
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip",
            "Content-Length",
            String(body.length),
          ]);
          return res.end(body);
        }
        return json(200, JSON.stringify({ channels: [{ id: 42, name: "ops" }] })); // id not a string, kind missing
      }
      json(404, '{"error": "not found"}');
    });
  });
}

let controlData = `{"auth": {}, "bridges": [{"label": "Liveblog", "source_id": "abc", "targets": []}]}`;
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

function livebridgeUpstream() {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    res.sendDate = false; // a Date would differ between the direct and the proxied request
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body });
      if (req.url === "/api/v1/controldata/") return req.socket.destroy(); // as the real server does on unknown paths
      if (req.url === "/api/v1/session") {
        res.writeHead(200, ["Content-Type", "application/json; charset=utf-8", "Set-Cookie", `lb-db=${TOKEN}; Path=/`]);
        return res.end(JSON.stringify({ token: TOKEN }));
      }
      if (req.headers["x-auth-token"] !== TOKEN) {
        const text = '{"error": "Invalid token."}';
        res.writeHead(401, ["Content-Type", "application/json; charset=utf-8", "Content-Length", String(text.length)]);
        return res.end(req.method === "HEAD" ? undefined : text);
      }
      if (req.headers["x-test"] === "broken-store") {
        const text = "500 Internal Server Error\n\nServer got itself in trouble";
        res.writeHead(500, [
          "Content-Type",
          "text/plain; charset=utf-8",
          "Content-Length",
          String(text.length),
          "Connection",
          "close",
        ]);
        return res.end(text);
      }
      if (req.method === "PUT") {
        if (req.headers["if-match"] !== md5(controlData)) {
          res.writeHead(412, ["Content-Type", "application/json; charset=utf-8"]);
          return res.end('{"error": "Checksum check failed."}');
        }
        controlData = body.toString("utf8");
        res.writeHead(200, ["Content-Type", "application/json; charset=utf-8"]);
        return res.end('{"ok": "true"}');
      }
      res.writeHead(200, [
        "Content-Type",
        "application/json; charset=utf-8",
        "Etag",
        md5(controlData),
        "Content-Length",
        String(Buffer.byteLength(controlData)),
      ]);
      res.end(req.method === "HEAD" ? undefined : controlData);
    });
  });
}

// --- set-up -----------------------------------------------------------------------------------

let hc: OpenAPIObject;
const servers: Server[] = [];
const proxies: ProxyHandle[] = [];
const reports: ProxyReport[] = [];
let hcDirect: string,
  hcProxy: string,
  thingsProxy: string,
  lbDirect: string,
  lbProxy: string,
  silentProxy: string,
  deadProxy: string;

beforeAll(async () => {
  hc = (await loadSpec("healthchecks")) as OpenAPIObject;
  const onReport = (r: ProxyReport) => reports.push(r);
  const hcUp = healthchecksUpstream(hc);
  const lbUp = livebridgeUpstream();
  // answers nothing, or its headers and 5 bytes and then nothing
  const silent = createServer((req, res) => {
    if (req.url?.includes("after-headers")) {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      res.write('{"che');
    }
  });
  const dead = createServer();
  servers.push(hcUp, lbUp, silent);
  [hcDirect, lbDirect] = await Promise.all([listen(hcUp), listen(lbUp)]);
  const silentUrl = await listen(silent);
  const deadUrl = await listen(dead);
  await closeServer(dead); // a port nobody listens on now
  const start = async (api: string, upstream: string, extra: { timeoutMs?: number; spec?: OpenAPIObject } = {}) => {
    const proxy = await startValidatingProxy(getApi(api), upstream, { port: 0, onReport, ...extra });
    proxies.push(proxy);
    return proxy.url;
  };
  hcProxy = await start("healthchecks", hcDirect);
  thingsProxy = await start("healthchecks", hcDirect, { spec: THINGS_SPEC });
  lbProxy = await start("livebridge", lbDirect);
  silentProxy = await start("healthchecks", silentUrl, { timeoutMs: 300 });
  deadProxy = await start("healthchecks", deadUrl);
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(servers.map(closeServer));
});

/** The report of the last exchange, once the proxy has checked it. */
async function lastReport(count = reports.length + 1): Promise<ProxyReport> {
  for (let i = 0; i < 500 && reports.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(reports.length).toBeGreaterThanOrEqual(count);
  return reports.at(-1)!;
}

/** The same request directly and through the proxy; both answers, and the proxy's report. */
async function both(direct: string, proxied: string, path: string, options: Parameters<typeof send>[1] = {}) {
  const count = reports.length + 1;
  const viaProxy = await send(`${proxied}${path}`, options);
  const report = await lastReport(count);
  const straight = await send(`${direct}${path}`, options);
  return { straight, viaProxy, report };
}

// --- tests ------------------------------------------------------------------------------------

describe("validating proxy: passes answers through unchanged", () => {
  it.each([
    ["healthchecks", "/api/v1/checks/", { "X-Api-Key": KEY }, "GET"],
    ["healthchecks", "/things/?case=desc", {}, "GET"],
    ["healthchecks", "/api/v1/channels/?gzip", { "X-Api-Key": KEY }, "GET"],
    ["healthchecks", "/api/v1/checks/", {}, "GET"],
    ["livebridge", "/api/v1/controldata", { "X-Auth-Token": TOKEN }, "GET"],
    ["livebridge", "/api/v1/controldata", { "X-Auth-Token": TOKEN }, "HEAD"],
    ["livebridge", "/api/v1/controldata", {}, "HEAD"],
    ["livebridge", "/api/v1/controldata", { "X-Auth-Token": TOKEN, "X-Test": "broken-store" }, "GET"],
  ])("%s %s %o %s: same status, end-to-end headers and body bytes as directly", async (api, path, headers, method) => {
    const [direct, proxied] = api === "healthchecks" ? [hcDirect, hcProxy] : [lbDirect, lbProxy];
    const { straight, viaProxy } = await both(direct, proxied, path, { method, headers });
    expect(digest(viaProxy)).toBe(digest(straight));
    expect(endToEnd(viaProxy.rawHeaders)).toEqual(endToEnd(straight.rawHeaders));
    expect(viaProxy.body.equals(straight.body)).toBe(true);
  });

  it("keeps header case, order, repeats, the upstream's Date and its status text", async () => {
    const res = await send(`${hcProxy}/api/v1/checks/`, { headers: { "X-Api-Key": KEY } });
    expect(res.statusMessage).toBe("Fine Thanks");
    expect(endToEnd(res.rawHeaders).slice(0, 10)).toEqual([
      "content-type",
      "application/json",
      "X-Custom-Case",
      "Kept",
      "Set-Cookie",
      "a=1; Path=/",
      "Set-Cookie",
      "b=2; Path=/",
      "Date",
      "Thu, 01 Jan 2026 00:00:00 GMT",
    ]);
  });

  it("Livebridge: the Etag still is the MD5 of the body, and a PUT with it succeeds", async () => {
    const got = await send(`${lbProxy}/api/v1/controldata`, { headers: { "X-Auth-Token": TOKEN } });
    const etag = rawHeader(got.rawHeaders, "etag")!;
    expect(etag).toBe(md5(got.body.toString("utf8")));
    const next = `{"auth": {}, "bridges": []}`;
    const count = reports.length + 1;
    const put = await send(`${lbProxy}/api/v1/controldata`, {
      method: "PUT",
      headers: { "X-Auth-Token": TOKEN, "If-Match": etag, "Content-Type": "application/json" },
      body: next,
    });
    expect(put.status).toBe(200);
    expect(received.at(-1)!.body.toString("utf8")).toBe(next); // request bytes unchanged too
    expect((await lastReport(count)).operation).toBe("replaceControlData");
  });

  it("forwards the request's headers unchanged, except Host, which names the upstream", async () => {
    await send(`${hcProxy}/api/v1/checks/?tag=a&tag=b`, {
      headers: { "X-Api-Key": KEY, "X-Odd-Case": "v1", "x-repeat": ["1", "2"] },
    });
    const got = received.at(-1)!;
    expect(got.url).toBe("/api/v1/checks/?tag=a&tag=b");
    const h = got.rawHeaders;
    expect(h).toEqual(expect.arrayContaining(["X-Odd-Case", "v1", "x-repeat", "1", "x-repeat", "2", "X-Api-Key", KEY]));
    expect(rawHeader(h, "host")).toBe(new URL(hcDirect).host);
  });
});

describe("validating proxy: CORS is the upstream's", () => {
  it("a browser's preflight goes to the upstream and its answer comes back unchanged; the proxy adds no CORS of its own", async () => {
    const preflight = {
      Origin: "http://page.example",
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "x-api-key",
    };
    const { straight, viaProxy, report } = await both(hcDirect, hcProxy, "/api/v1/checks/", {
      method: "OPTIONS",
      headers: preflight,
    });
    expect(digest(viaProxy)).toBe(digest(straight));
    expect(viaProxy.status).toBe(204);
    expect(received.at(-1)!.rawHeaders).toEqual(expect.arrayContaining(Object.entries(preflight).flat()));
    // The spec documents no OPTIONS: the preflight is reported like any exchange.
    expect(report.departures).toEqual([
      { side: "request", at: "path", cause: "OPTIONS is not documented for /api/v1/checks/ (documented: GET, POST)" },
    ]);
    const plain = await send(`${hcProxy}/api/v1/checks/`, {
      headers: { "X-Api-Key": KEY, Origin: "http://page.example" },
    });
    expect(rawHeader(plain.rawHeaders, "access-control-allow-origin")).toBeUndefined();
  });
});

describe("validating proxy: reports", () => {
  it("a conforming exchange is one line saying so", async () => {
    const { report } = await both(hcDirect, hcProxy, "/api/v1/checks/", { headers: { "X-Api-Key": KEY } });
    expect(report).toMatchObject({
      method: "GET",
      path: "/api/v1/checks/",
      status: 200,
      answered: 200,
      outcome: "conforms",
      operation: "listChecks",
      departures: [],
    });
    expect(formatReport(report)).toBe("✔ GET /api/v1/checks/ → 200 (listChecks): conforms to the spec");
  });

  it("HEAD is checked as HEAD: 200 with Etag and 401 without a body both conform", async () => {
    const ok = await both(lbDirect, lbProxy, "/api/v1/controldata", {
      method: "HEAD",
      headers: { "X-Auth-Token": TOKEN },
    });
    expect(ok.viaProxy.status).toBe(200);
    expect(ok.report).toMatchObject({
      method: "HEAD",
      status: 200,
      outcome: "conforms",
      operation: "checkControlData",
    });
    const denied = await both(lbDirect, lbProxy, "/api/v1/controldata", { method: "HEAD" });
    expect(denied.viaProxy.status).toBe(401);
    expect(denied.report).toMatchObject({ status: 401, outcome: "departs" });
    // the one departure is the request's missing token, not the (conforming) 401
    expect(denied.report.departures).toEqual([expect.objectContaining({ side: "request", at: "credentials" })]);
  });

  it("HEAD on a path that documents only GET is checked as that GET without a body", async () => {
    const { viaProxy, report } = await both(hcDirect, hcProxy, "/api/v1/checks/", {
      method: "HEAD",
      headers: { "X-Api-Key": KEY },
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.body.length).toBe(0);
    expect(report).toMatchObject({ operation: "listChecks as HEAD", outcome: "conforms" });
  });

  it("a non-JSON answer the spec documents (Livebridge's text/plain 500) conforms", async () => {
    const { viaProxy, report } = await both(lbDirect, lbProxy, "/api/v1/controldata", {
      headers: { "X-Auth-Token": TOKEN, "X-Test": "broken-store" },
    });
    expect(viaProxy.status).toBe(500);
    expect(viaProxy.body.toString()).toMatch(/Server got itself in trouble/);
    expect(report).toMatchObject({ status: 500, outcome: "conforms" });
  });

  it("a gzip body is decoded for checking and passed on compressed", async () => {
    const { viaProxy, report } = await both(hcDirect, hcProxy, "/api/v1/channels/?gzip", {
      headers: { "X-Api-Key": KEY },
    });
    expect(viaProxy.body[0]).toBe(0x1f); // still gzip on the wire
    expect(report).toMatchObject({ outcome: "conforms", operation: "listChannels" });
  });

  it("the same bad field on three items of a oneOf list is one departure per kind, naming the items and the cause", async () => {
    const { report } = await both(hcDirect, thingsProxy, "/things/?case=desc");
    expect(report.outcome).toBe("departs");
    expect(report.departures).toEqual([
      {
        side: "response",
        at: "body /things/*",
        cause:
          "is an object and matches none of the 2 alternatives of oneOf; closest is #0 Simple: has desc, which the schema does not allow",
        instances: ["/things/0", "/things/2"],
      },
      {
        side: "response",
        at: "body /things/1",
        cause:
          "is an object and matches none of the 2 alternatives of oneOf; closest is #1 Cron: has desc, which the schema does not allow",
      },
    ]);
    expect(formatReport(report).split("\n")).toEqual([
      "✘ GET /things/?case=desc → 200 (listThings): 2 departures from the spec",
      "    response body /things/*: is an object and matches none of the 2 alternatives of oneOf; closest is #0 Simple: has desc, which the schema does not allow (2 items: /things/0, /things/2)",
      "    response body /things/1: is an object and matches none of the 2 alternatives of oneOf; closest is #1 Cron: has desc, which the schema does not allow",
    ]);
  });

  it("reports each offending value once, with what is wrong", async () => {
    const { report } = await both(hcDirect, hcProxy, "/api/v1/channels/", { headers: { "X-Api-Key": KEY } });
    expect(report.departures).toEqual([
      { side: "response", at: "body /channels/0", cause: "lacks required kind" },
      { side: "response", at: "body /channels/0/id", cause: "is 42, must be string" },
    ]);
  });

  it("reports the request's own departures: missing credentials, a path not in the spec", async () => {
    const denied = await both(hcDirect, hcProxy, "/api/v1/checks/", {});
    expect(denied.report).toMatchObject({ status: 401, outcome: "departs" });
    expect(denied.report.departures).toEqual([
      { side: "request", at: "credentials", cause: "carries none the operation accepts (X-Api-Key header)" },
    ]);
    const unknown = await both(hcDirect, hcProxy, "/api/v2/nothing", { headers: { "X-Api-Key": KEY } });
    expect(unknown.report.departures).toEqual([
      { side: "request", at: "path", cause: "path /api/v2/nothing is not in the spec" },
    ]);
    const bad = await both(lbDirect, lbProxy, "/api/v1/controldata", {
      method: "PATCH",
      headers: { "X-Auth-Token": TOKEN },
    });
    expect(bad.report.departures[0]!.cause).toBe(
      "PATCH is not documented for /api/v1/controldata (documented: GET, PUT, HEAD)",
    );
  });

  it("checks form bodies, multipart included", async () => {
    const form = new FormData();
    form.set("username", "user");
    form.set("password", "secret");
    const encoded = new Request("http://x", { method: "POST", body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const { report } = await both(lbDirect, lbProxy, "/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": encoded.headers.get("content-type")! },
      body,
    });
    expect(report.departures).toEqual([]);
    expect(report).toMatchObject({ operation: "loginSession", outcome: "conforms" });
    const missing = await both(lbDirect, lbProxy, "/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "username=user",
    });
    expect(missing.report.departures).toEqual([
      expect.objectContaining({ side: "request", at: "body", cause: expect.stringMatching(/lacks required password/) }),
    ]);
    expect(JSON.stringify(missing.report)).not.toContain("secret");
  });

  it("no credential appears in a report or its printed lines: query, header, Basic auth, cookie, body", async () => {
    const secrets = [
      "query-secret-0123456789abcdef0",
      "header-secret-0123456789abcdef",
      "basic-password-0123",
      "cookie-secret-0123",
      "body-secret-0123456789abcdef01",
    ];
    const [query, header, password, cookie, body] = secrets;
    const dir = mkdtempSync(join(tmpdir(), "proxy-secrets-"));
    try {
      const file = new ReportFile(join(dir, "report.json"), { api: "healthchecks", upstream: hcDirect });
      const exchanges = [
        // the key in the query string, also as the (non-UUID) path parameter the report quotes
        await both(hcDirect, hcProxy, `/api/v1/checks/?api_key=${query}&tag=prod`),
        await both(hcDirect, hcProxy, `/api/v1/checks/${query}?api_key=${encodeURIComponent(query!)}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: "{}",
        }),
        await both(hcDirect, hcProxy, "/api/v1/checks/", {
          headers: {
            "X-Api-Key": header!,
            Authorization: `Basic ${Buffer.from(`user:${password}`).toString("base64")}`,
            Cookie: `sessionid=${cookie}`,
          },
        }),
        await both(hcDirect, hcProxy, "/api/v1/checks/", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ api_key: body, name: 5 }),
        }),
      ];
      for (const { report } of exchanges) file.add(report);
      file.flush();
      expect(exchanges[0]!.report.path).toBe("/api/v1/checks/?api_key=***&tag=prod");
      expect(exchanges[1]!.report.departures.map((d) => d.cause).join(" ")).toContain("***");
      const shown = [
        readFileSync(join(dir, "report.json"), "utf8"),
        ...exchanges.map(({ report }) => formatReport(report)),
      ].join("\n");
      for (const secret of [...secrets, Buffer.from(`user:${password}`).toString("base64")])
        expect(shown).not.toContain(secret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the full report, however long, to the --report file as JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "proxy-report-"));
    try {
      const file = new ReportFile(join(dir, "report.json"), { api: "healthchecks", upstream: hcDirect });
      const { report } = await both(hcDirect, thingsProxy, "/things/?case=many");
      file.add(report);
      file.flush();
      const text = readFileSync(join(dir, "report.json"), "utf8");
      expect(text.length).toBeGreaterThan(3 * 8192); // Prism's header held 8 KB
      const written = JSON.parse(text);
      expect(written).toMatchObject({
        api: "healthchecks",
        summary: { requests: 1, conforming: 0, departing: 1, failed: 0 },
      });
      expect(written.requests[0].departures).toHaveLength(300);
      expect(
        written.requests[0].departures
          .map((d: { cause: string }) => /has field_(\d+),/.exec(d.cause)![1])
          .sort((a: string, b: string) => Number(a) - Number(b)),
      ).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));
      expect(formatReport(report).split("\n")).toHaveLength(301);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("validating proxy: upstream failures are reported as such", () => {
  it("a hang-up before the answer: the client gets 502, the report says hang-up", async () => {
    const count = reports.length + 1;
    const res = await send(`${hcProxy}/api/v1/checks/`, { headers: { "X-Api-Key": KEY, "X-Test": "hang-up" } });
    expect(res.status).toBe(502);
    expect(res.body.toString()).toMatch(/closed the connection before answering/);
    const report = await lastReport(count);
    expect(report).toMatchObject({ outcome: "hang-up", status: null, answered: 502 });
    expect(formatReport(report)).toMatch(
      /^⚠ GET \/api\/v1\/checks\/ → no answer \(listChecks\): hang-up: the upstream closed the connection before answering .*\(proxy answered 502\)$/,
    );
  });

  it("Livebridge dropping an unknown path is a hang-up too", async () => {
    const count = reports.length + 1;
    const res = await send(`${lbProxy}/api/v1/controldata/`, { headers: { "X-Auth-Token": TOKEN } });
    expect(res.status).toBe(502);
    expect(await lastReport(count)).toMatchObject({
      outcome: "hang-up",
      departures: [{ side: "request", at: "path" }],
    });
  });

  it("a hang-up in the middle of the body: the client's answer is cut short as well", async () => {
    const count = reports.length + 1;
    await expect(
      send(`${hcProxy}/api/v1/checks/`, { headers: { "X-Api-Key": KEY, "X-Test": "hang-up-mid-body" } }),
    ).rejects.toThrow();
    const report = await lastReport(count);
    expect(report).toMatchObject({
      outcome: "hang-up",
      status: 200,
      answered: 200,
      failure: "the upstream closed the connection after 12 bytes of the body",
    });
  });

  it("no answer within the timeout: 504 and a timeout report", async () => {
    const count = reports.length + 1;
    const res = await send(`${silentProxy}/api/v1/checks/`, { headers: { "X-Api-Key": KEY } });
    expect(res.status).toBe(504);
    expect(await lastReport(count)).toMatchObject({
      outcome: "timeout",
      status: null,
      answered: 504,
      failure: "the upstream did not answer within 300 ms",
    });
  });

  it("a body that stalls: the answer is cut short and the report says timeout", async () => {
    const count = reports.length + 1;
    await expect(
      send(`${silentProxy}/api/v1/checks/?after-headers`, { headers: { "X-Api-Key": KEY } }),
    ).rejects.toThrow();
    expect(await lastReport(count)).toMatchObject({
      outcome: "timeout",
      status: 200,
      failure: "the upstream sent nothing for 300 ms after 5 bytes of the body",
    });
  });

  it("an upstream nobody listens on: 502 and an unreachable report", async () => {
    const count = reports.length + 1;
    const res = await send(`${deadProxy}/api/v1/checks/`, { headers: { "X-Api-Key": KEY } });
    expect(res.status).toBe(502);
    expect(await lastReport(count)).toMatchObject({
      outcome: "unreachable",
      status: null,
      answered: 502,
      failure: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});

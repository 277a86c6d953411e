// `npm run proxy`: Prism as a validating proxy in front of a real server, here a small local
// upstream that answers one request as the spec says and one in violation of it.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApi } from "../scripts/lib/apis.js";
import { formatReport, startValidatingProxy, type ProxyHandle, type ProxyReport } from "../scripts/lib/proxy.js";

const KEY = "a".repeat(32);
let upstream: Server;
let proxy: ProxyHandle;
const reports: ProxyReport[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url?.startsWith("/api/v1/checks/")) {
      res.end(JSON.stringify({ checks: [] })); // as the spec says
    } else if (req.url?.startsWith("/api/v1/channels/")) {
      res.end(JSON.stringify({ channels: [{ id: 42, name: "ops" }] })); // id not a string, kind missing
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
  const address = upstream.address();
  const port = typeof address === "object" && address ? address.port : 0;
  proxy = await startValidatingProxy(getApi("healthchecks"), `http://127.0.0.1:${port}`, { port: 0, onReport: (r) => reports.push(r) });
});

afterAll(async () => {
  await proxy?.close();
  await new Promise<void>((r) => upstream?.close(() => r()));
});

describe("validating proxy", () => {
  it("forwards a conforming answer and reports no departure", async () => {
    const res = await fetch(`${proxy.url}/api/v1/checks/`, { headers: { "X-Api-Key": KEY } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ checks: [] });
    const report = reports.at(-1)!;
    expect(report).toMatchObject({ method: "GET", path: "/api/v1/checks/", status: 200, violations: [] });
    expect(formatReport(report)).toMatch(/^✔ GET \/api\/v1\/checks\/ → 200/);
  });

  it("forwards a violating answer and reports each departure", async () => {
    const res = await fetch(`${proxy.url}/api/v1/channels/`, { headers: { "X-Api-Key": KEY } });
    expect(res.status).toBe(200);
    const report = reports.at(-1)!;
    expect(report.path).toBe("/api/v1/channels/");
    const where = report.violations.map((v) => v.location);
    expect(where.some((l) => l.startsWith("response.body.channels.0"))).toBe(true);
    expect(report.violations.map((v) => v.message).join(" ")).toMatch(/id|kind/);
    expect(formatReport(report)).toMatch(/^✘ GET \/api\/v1\/channels\/ → 200: \d+ departure/);
  });
});

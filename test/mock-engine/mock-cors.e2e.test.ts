// CORS from a real browser: a page served from another origin (another port of 127.0.0.1) calls
// the mocks with fetch() in headless Chromium. A credentialed header forces a preflight; the page
// must get the answer and read a non-safelisted response header (Livebridge's Etag). With CORS
// off (`--no-cors`) the same call must fail in the browser.
import { createServer, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { startMock, type MockHandle } from "../../scripts/serve/mock.js";
import { launchChromium } from "../../scripts/testkit/browser.js";

const apis = loadApis();
const livebridge = apis.find((a) => a.name === "livebridge")!;
const healthchecks = apis.find((a) => a.name === "healthchecks")!;

let browser: Browser;
let page: Server;
let pageUrl: string;
const mocks: MockHandle[] = [];

beforeAll(async () => {
  page = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>front end</title>"),
  );
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  const address = page.address();
  pageUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled(mocks.map((m) => m.close()));
  await new Promise<void>((r) => (page ? page.close(() => r()) : r()));
});

/** Runs fetch(url, init) inside the page; returns status, body and the named header, or the error. */
async function fetchFromPage(url: string, init: RequestInit, header: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(pageUrl);
    return await tab.evaluate(
      async ({ url, init, header }) => {
        try {
          const res = await fetch(url, init);
          return { status: res.status, header: res.headers.get(header), body: await res.text() };
        } catch (err) {
          return { error: String(err) };
        }
      },
      { url, init: init as Record<string, unknown>, header },
    );
  } finally {
    await tab.close();
  }
}

describe("mock CORS (default on, as the Prism CLI)", () => {
  it("a page on another origin reads a preflighted answer and its Etag header", async () => {
    const mock = await startMock(livebridge, { port: 0 });
    mocks.push(mock);
    expect(new URL(mock.url).origin).not.toBe(new URL(pageUrl).origin);
    const result = await fetchFromPage(
      `${mock.url}/api/v1/controldata`,
      { headers: { "X-Auth-Token": "t0k3n" } },
      "Etag",
    );
    expect(result).toMatchObject({ status: 200 });
    expect(result.header).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(result.body!)).toHaveProperty("bridges");
  });

  it("a JSON POST with an API key gets through, and the documented error does too", async () => {
    const mock = await startMock(healthchecks, { port: 0 });
    mocks.push(mock);
    const headers = { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" };
    const created = await fetchFromPage(
      `${mock.url}/api/v1/checks/`,
      { method: "POST", headers, body: JSON.stringify({ name: "web" }) },
      "content-type",
    );
    expect(created).toMatchObject({ status: 200, header: "application/json" });
    const refused = await fetchFromPage(
      `${mock.url}/api/v1/checks/`,
      { method: "POST", headers, body: "{bad" },
      "sl-violations",
    );
    expect(refused).toMatchObject({ status: 400, body: '{"error":"could not parse request body"}' });
    expect(refused.header).toMatch(/invalid-json/);
  });

  it("answers a preflight itself (204 with the allow headers)", async () => {
    const mock = await startMock(healthchecks, { port: 0 });
    mocks.push(mock);
    const res = await fetch(`${mock.url}/api/v1/checks/`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://front.example",
        "Access-Control-Request-Method": "DELETE",
        "Access-Control-Request-Headers": "x-api-key",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://front.example");
    expect(res.headers.get("access-control-allow-methods")).toBe("DELETE");
    expect(res.headers.get("access-control-allow-headers")).toBe("x-api-key");
  });

  it("with CORS off the browser refuses the same call", async () => {
    const mock = await startMock(livebridge, { port: 0, cors: false });
    mocks.push(mock);
    const result = await fetchFromPage(
      `${mock.url}/api/v1/controldata`,
      { headers: { "X-Auth-Token": "t0k3n" } },
      "Etag",
    );
    expect(result.error).toMatch(/Failed to fetch/);
  });
});

// The first hour with the mocks and the docs, walked as a new user would (issue 19): `npm start`
// in a freshly built clone (the run's fresh build, test/support/fresh-build.ts) serves the mocks
// and the docs on free ports, and then
// - a wrong `Prefer` (unknown example, undeclared status) gets the mock's own, marked problem
//   naming what exists, never a plausible answer of the API;
// - in Chromium, a link copied from a reference page (the sidebar's, a heading's) opened directly
//   in a new tab renders that section; no link of the page is a root path the server cannot answer;
// - text assets come compressed (brotli, gzip) with Content-Encoding and Vary, in Chromium too;
// - the portal links every form of every API's document, and each link answers that document;
// - each mock page explains Prefer, shows each example's Prefer value, lists only the credential
//   variables its API uses (the README's and verify's names), and never wraps a token mid-word.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadApis } from "../../scripts/registry/apis.js";
import { toTarget } from "../../scripts/testkit/example-requests.js";
import { DOCUMENT_FORMS } from "../../scripts/generate/package-exports.js";
import { CREDENTIAL_ENV } from "../../scripts/docs/code-samples.js";
import { examplesByStatus, preferValue } from "../../scripts/docs/prefer-names.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { rawRequest } from "../../scripts/testkit/bad-input.js";
import { launchChromium } from "../../scripts/testkit/browser.js";
import { freshBuild } from "../support/fresh-build.js";
import { loadSpec } from "../support/spec.js";

const apis = loadApis();
let npm: ChildProcess | undefined;
let nodePid: number | undefined;
let docsUrl: string;
const mockUrls: Record<string, string> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below
  const dir = (await freshBuild()).dir;
  const ports = apis.flatMap((a) => ["--port", `${a.name}=0`]);
  npm = spawn("npm", ["start", "--silent", "--", ...ports, "--docs-port", "0"], {
    cwd: dir,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 150_000;
  while (!apis.every((a) => new RegExp(`${a.name} mock\\s+http`).test(output)) || !/docs\s+http/.test(output)) {
    if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    nodePid = Number(readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, "utf8").trim().split(/\s+/)[0]);
  } catch {
    // npm exec'd node: stopping npm stops it
  }
  docsUrl = /docs\s+(http:\S+)/.exec(output)![1]!.replace(/\/?$/, "/");
  for (const api of apis) mockUrls[api.name] = new RegExp(`${api.name} mock\\s+(http:\\S+)`).exec(output)![1]!;
  browser = await launching;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (npm && npm.exitCode === null) {
    const exited = new Promise((r) => npm!.once("exit", r));
    npm.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (npm.exitCode === null) npm.kill("SIGKILL");
  }
  if (nodePid) {
    try {
      process.kill(nodePid, "SIGKILL");
    } catch {
      // stopped with npm
    }
  }
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  expect(response?.status(), url).toBe(200);
  return { page, errors };
}

const hydrated = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, { timeout: 30_000 });
/** A page opened without a section loads Redoc on the reader's first intent: a pointer move. */
const readerMoves = (page: Page) => page.mouse.move(640, 450);

describe("the mocks, as npm start serves them", () => {
  it.each(apis.map((a) => a.name))(
    "%s: a wrong Prefer gets the mock's own problem, naming what exists",
    async (api) => {
      const spec = await loadSpec(api);
      const op = listOperations(spec).find(
        (o) => o.method === "get" && examplesByStatus(spec, o).some((e) => e.isDefault && e.names.length),
      )!;
      const target = toTarget(spec, op);
      const names = examplesByStatus(spec, op);
      const ask = (prefer: string) =>
        rawRequest(mockUrls[api]!, { ...target, headers: { ...target.headers, Prefer: prefer } });

      const unknown = await ask("example=NoSuchExample");
      expect(unknown.status).toBe(404);
      expect(unknown.headers["content-type"]).toBe("application/problem+json");
      expect(unknown.headers["x-mock-error"]).toBe("unknown-example");
      const problem = JSON.parse(unknown.body) as { detail: string; examples: Record<string, string[]> };
      expect(problem.detail).toContain("NoSuchExample");
      for (const entry of names) for (const name of entry.names) expect(problem.detail).toContain(name);

      const undeclared = await ask("code=418");
      expect(undeclared.status).toBe(404);
      expect(undeclared.headers["x-mock-error"]).toBe("undeclared-status");
      expect(JSON.parse(undeclared.body).detail).toContain(Object.keys(op.operation.responses ?? {}).join(", "));

      // What the docs show works: the default's second example, if there is one, by its name.
      const second = names.find((e) => e.isDefault)!.names[1];
      if (second) {
        const picked = await ask(
          preferValue(
            names.find((e) => e.isDefault)!,
            second,
          ),
        );
        expect(picked.status).toBeLessThan(300);
        expect(picked.headers["x-mock-error"]).toBeUndefined();
      }
    },
  );

  it("Livebridge: a PUT that sent a body is never told that no body was found", async () => {
    const spec = await loadSpec("livebridge");
    const op = listOperations(spec).find((o) => o.method === "put")!;
    const target = toTarget(spec, op);
    const answer = await rawRequest(
      mockUrls.livebridge!,
      { ...target, headers: { ...target.headers, "content-type": "text/plain" } },
      target.body,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain("No request body was found.");
  });
});

describe("the references in Chromium", () => {
  it.each(["runcloud", "healthchecks"])(
    "%s: every page link is a hash link, and a copied one opened directly renders its section",
    async (api) => {
      const { page, errors } = await open(`${docsUrl}${api}.html`);
      await readerMoves(page);
      await hydrated(page);
      const links = await page.$$eval("a[href]", (as) =>
        as.map((a) => ({
          href: a.getAttribute("href")!,
          url: (a as HTMLAnchorElement).href,
          text: (a.textContent ?? "").trim(),
        })),
      );
      // No root path (`/servers`): the server cannot answer it, and it names no API.
      expect(links.filter((l) => l.href.startsWith("/") && !l.href.startsWith("//")).map((l) => l.href)).toEqual([]);
      const sidebar = await page.$$eval("[data-component-name='Menu/MenuItem'] a[href^='#/']", (as) =>
        as.map((a) => ({ url: (a as HTMLAnchorElement).href, text: (a.textContent ?? "").trim() })),
      );
      expect(sidebar.length).toBeGreaterThan(3);
      // A heading's own "link to" anchor (what a reader copies to share a section).
      const anchors = await page.$$eval("a[aria-label^='link to'][href^='#/']", (as) =>
        as.map((a) => (a as HTMLAnchorElement).href),
      );
      expect(anchors.length).toBeGreaterThan(0);
      await page.close();
      expect(errors).toEqual([]);

      const section = sidebar.find((l) => l.url.includes("#/section/"))!;
      const tag = sidebar.find((l) => !l.url.includes("#/section/") && !l.url.endsWith("#/"))!;
      for (const link of [section, tag]) {
        const fresh = await open(link.url); // a new tab: nothing but the URL
        await hydrated(fresh.page);
        const top = await fresh.page
          .waitForFunction(
            (text) => {
              const heading = [...document.querySelectorAll("h1, h2")].find((h) =>
                (h.textContent ?? "").trim().startsWith(text),
              );
              const y = heading?.getBoundingClientRect().top;
              return y !== undefined && y >= -5 && y < 300 ? y : false;
            },
            link.text,
            { timeout: 15_000 },
          )
          .then(
            (h) => h.jsonValue(),
            () => undefined,
          );
        expect(top, `${link.url}: the "${link.text}" heading at the top of the page`).toBeDefined();
        expect(fresh.errors).toEqual([]);
        await fresh.page.close();
      }
      // The copied heading link answers the same page and scrolls away from the top.
      const copied = await open(anchors[anchors.length - 1]!);
      await hydrated(copied.page);
      await copied.page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 15_000 });
      await copied.page.close();
    },
  );

  it("an old-style root path (/servers) answers 404 naming the page URL that shows it", async () => {
    const answer = await rawRequest(docsUrl, { method: "GET", path: "/servers" });
    expect(answer.status).toBe(404);
    expect(answer.body).toContain("/runcloud.html#/servers");
  });

  it("the page's script, definition and document arrive compressed", async () => {
    const page = await browser!.newPage();
    const encodings: Record<string, string | undefined> = {};
    page.on("response", (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(js|json|html)$/.test(path)) encodings[path] = r.headers()["content-encoding"];
    });
    await page.goto(`${docsUrl}lightrun.html`, { waitUntil: "networkidle" });
    await readerMoves(page);
    await hydrated(page);
    await page.close();
    const paths = Object.keys(encodings);
    expect(paths.some((p) => /redoc\.[0-9a-f]{12}\.js$/.test(p))).toBe(true);
    for (const path of paths) expect(encodings[path], path).toBe("br");
  });
});

describe("the docs server's compression", () => {
  it("negotiates brotli and gzip for text, with Vary, and the same bytes as uncompressed", async () => {
    const page = await rawRequest(docsUrl, { method: "GET", path: "/runcloud.html" });
    const script = /\.\/(redoc\.[0-9a-f]{12}\.js)/.exec(page.body)![1]!;
    for (const path of [
      "/runcloud.html",
      `/${script}`,
      "/runcloud.json",
      "/specs/runcloud/openapi.yaml",
      "/index.html",
    ]) {
      const plain = await getBytes(path, "identity");
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      expect(plain.headers.vary, path).toBe("Accept-Encoding");
      const br = await getBytes(path, "br, gzip");
      expect(br.headers["content-encoding"], path).toBe("br");
      expect(br.headers.vary).toBe("Accept-Encoding");
      expect(br.body.length, path).toBeLessThan(plain.body.length / 2);
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);
      const gz = await getBytes(path, "gzip;q=1, br;q=0");
      expect(gz.headers["content-encoding"], path).toBe("gzip");
      expect(gunzipSync(gz.body).equals(plain.body), path).toBe(true);
    }
  });
});

async function getBytes(
  path: string,
  acceptEncoding: string,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    request(new URL(path, docsUrl), { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the portal", () => {
  it("links every form of every API's document, and each link answers it", async () => {
    const { page, errors } = await open(docsUrl);
    for (const api of apis) {
      const hrefs = await page.$$eval(`#${api.name} a[href]`, (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const form of DOCUMENT_FORMS) {
        const url = hrefs.find((h) => h.endsWith(`/specs/${api.name}/${form}`));
        expect(url, `${api.name}: ${form} linked`).toBeDefined();
        const answer = await page.request.get(url!);
        expect(answer.status(), url).toBe(200);
        const text = await answer.text();
        const doc = (form.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as {
          openapi: string;
          info: { title: string };
        };
        expect(doc.openapi, url).toMatch(form.includes(".3.0.") ? /^3\.0\./ : /^3\.1\./);
        if (form.includes("dereferenced")) expect(text, url).not.toContain('"$ref"');
      }
    }
    await page.close();
    expect(errors).toEqual([]);
  });
});

describe("the mock pages", () => {
  const named = apis.flatMap((a) => Object.values(CREDENTIAL_ENV[a.name] ?? {}));

  it.each(apis.map((a) => a.name))(
    "%s: explains Prefer, shows each example's Prefer value, lists only its own variables",
    async (api) => {
      const spec = await loadSpec(api);
      const { page, errors } = await open(`${docsUrl}${api}-mock.html`);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toMatch(/Prefer: example=<name>/);
      expect(text).toContain("x-mock-error");
      for (const op of listOperations(spec)) {
        const cell = await page.$eval(`[id="${op.operation.operationId}"] .prefer`, (td) => td.textContent ?? "");
        for (const entry of examplesByStatus(spec, op))
          for (const name of entry.names)
            expect(cell, `${op.operation.operationId}`).toContain(preferValue(entry, name));
      }
      // Only this API's variables, and every one its commands read.
      const own = Object.values(CREDENTIAL_ENV[api] ?? {});
      const listed =
        (await page.$eval(".credentials", (c) => c.textContent ?? "").catch(() => "")).match(/[A-Z][A-Z0-9_]+(?==)/g) ??
        [];
      const used = [
        ...new Set(
          (await page.$$eval("pre", (ps) => ps.map((p) => p.textContent ?? "").join("\n")))
            .match(/\$[A-Z][A-Z0-9_]+/g)
            ?.map((v) => v.slice(1)) ?? [],
        ),
      ];
      expect(listed.sort()).toEqual(used.sort());
      for (const name of listed) expect(own, `${name} on the ${api} page`).toContain(name);
      for (const other of named.filter((n) => !own.includes(n)))
        expect(text, `${other} on the ${api} page`).not.toContain(other);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("the curl column never wraps a token mid-word, in a narrow window too", async () => {
    const page = await browser!.newPage({ viewport: { width: 820, height: 900 } });
    await page.goto(`${docsUrl}runcloud-mock.html`, { waitUntil: "networkidle" });
    const split = await page.$$eval("pre", (pres) => {
      const out: string[] = [];
      for (const pre of pres) {
        const node = pre.firstChild;
        if (!node || node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? "";
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
      return out;
    });
    await page.close();
    expect(split).toEqual([]);
  });
});

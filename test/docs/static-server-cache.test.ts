// The docs server's caching: content-hashed files (redoc.<hash>.js) are kept a year, everything
// else carries an ETag (per content coding) and a repeated request with it gets a bodiless 304
// until the file changes.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNotModified, serveStatic, type StaticHandle } from "../../scripts/serve/static-server.js";
import { rawRequest } from "../../scripts/testkit/bad-input.js";

let dir: string;
let server: StaticHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "static-cache-"));
  const page = "<!doctype html><title>page</title>" + "<p>text</p>".repeat(200);
  writeFileSync(join(dir, "page.html"), page);
  writeFileSync(join(dir, "page.html.br"), brotliCompressSync(page));
  writeFileSync(join(dir, "redoc.0123456789ab.js"), "export const x = 1;\n");
  server = await serveStatic(dir, "127.0.0.1", 0);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(server.url, { method: "GET", path, headers });

describe("the docs server's cache headers", () => {
  it("revalidates a page: ETag and Last-Modified, then 304 without a body while it is unchanged, 200 once it changed", async () => {
    const first = await get("/page.html", { "Accept-Encoding": "identity" });
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-cache");
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(first.headers["last-modified"]).toBeTruthy();
    const again = await get("/page.html", { "Accept-Encoding": "identity", "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    // The brotli copy is another representation: its own tag.
    const br = await get("/page.html", { "Accept-Encoding": "br", "If-None-Match": etag });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.etag).not.toBe(etag);
    expect((await get("/page.html", { "Accept-Encoding": "br", "If-None-Match": `W/${br.headers.etag}` })).status).toBe(
      304,
    );
    // Changed (a later time, another size): the old tag no longer matches.
    writeFileSync(join(dir, "page.html"), "<!doctype html><title>changed</title>");
    utimesSync(join(dir, "page.html"), new Date(), new Date(Date.now() + 5000));
    const changed = await get("/page.html", { "Accept-Encoding": "identity", "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain("changed");
  });

  it("keeps a content-hashed script a year", async () => {
    const script = await get("/redoc.0123456789ab.js");
    expect(script.status).toBe(200);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    expect(isNotModified(undefined, '"a"')).toBe(false);
    expect(isNotModified('"b", "a"', '"a"')).toBe(true);
    expect(isNotModified('W/"a"', '"a"')).toBe(true);
    expect(isNotModified("*", '"a"')).toBe(true);
    expect(isNotModified('"b"', '"a"')).toBe(false);
  });
});

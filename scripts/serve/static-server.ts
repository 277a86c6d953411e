// A small static file server for generated/docs/ (no dependency, no directory escape). Text files
// go out as the build's brotli or gzip copy when the client accepts one (Content-Encoding, and
// `Vary: Accept-Encoding` on every compressible answer). Content-hashed files are cached for a
// year; the rest carry an ETag and are revalidated (304 while unchanged).
import { createReadStream, existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { ENCODINGS, isCompressible, isFresh } from "../docs/precompress.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The content codings an Accept-Encoding header allows (q > 0; `*` allows both of ours). */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  for (const part of [header ?? ""].flat().join(",").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    (q && !(Number(q.slice(2)) > 0) ? refused : accepted).add(name);
  }
  if (accepted.has("*")) for (const e of ENCODINGS) if (!refused.has(e.name)) accepted.add(e.name);
  for (const name of refused) accepted.delete(name);
  return accepted;
}

/** Whether an If-None-Match header names `etag` (or `*`); weak validators compare equal too. */
export function isNotModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

/** For a path such as /servers (a reference page's section, as older pages linked them): the
 * URLs of the pages that link it, `/<api>.html#/servers`. */
function sectionHint(root: string, pathname: string): string {
  if (extname(pathname) || pathname.endsWith("/")) return "";
  const link = `href="#${pathname}"`;
  const pages = readdirSync(root).filter(
    (f) => f.endsWith(".html") && readFileSync(join(root, f), "utf8").includes(link),
  );
  return pages.length
    ? `\nThat is a section of a reference page: ${pages.map((p) => `/${p}#${pathname}`).join(" or ")}`
    : "";
}

export interface StaticHandle {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function serveStatic(dir: string, host = "127.0.0.1", port = 4000): Promise<StaticHandle> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("bad request: malformed URL");
      return;
    }
    let file = normalize(join(root, pathname));
    const inside = (path: string, base = root) => path === base || path.startsWith(base + sep);
    if (!inside(file) || pathname.includes("\0")) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    // realpath: a symlink inside the folder must not lead out of it either.
    if (!existsSync(file) || !statSync(file).isFile() || !inside(realpathSync(file), realpathSync(root))) {
      res
        .writeHead(404, { "content-type": "text/plain; charset=utf-8" })
        .end(`not found: ${pathname}${sectionHint(root, pathname)}`);
      return;
    }
    // Content-hashed names (redoc.<hash>.js) never change: browsers keep them; the rest is revalidated.
    const cache = /\.[0-9a-f]{12}\.js$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
    const headers: Record<string, string | number> = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": cache,
    };
    let body = file;
    if (isCompressible(file)) {
      // The build's brotli/gzip copy (docs/precompress.ts) the client accepts, if it is current.
      headers.vary = "Accept-Encoding";
      const accepted = acceptedEncodings(req.headers["accept-encoding"]);
      const copy = ENCODINGS.find((e) => accepted.has(e.name) && isFresh(file, file + e.suffix));
      if (copy) {
        headers["content-encoding"] = copy.name;
        body = file + copy.suffix;
      }
    }
    // A validator for the revalidated ("no-cache") files: a reload asks with If-None-Match and
    // gets a bodiless 304 while the file is unchanged (size and time of the bytes sent, per coding).
    const stat = statSync(body);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${headers["content-encoding"] ? `-${headers["content-encoding"]}` : ""}"`;
    headers.etag = etag;
    headers["last-modified"] = stat.mtime.toUTCString();
    if (isNotModified(req.headers["if-none-match"], etag)) {
      res
        .writeHead(304, { etag, "cache-control": cache, ...(headers.vary ? { vary: String(headers.vary) } : {}) })
        .end();
      return;
    }
    headers["content-length"] = stat.size;
    res.writeHead(200, headers);
    if (req.method === "HEAD") res.end();
    else
      createReadStream(body)
        .on("error", () => res.destroy())
        .pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", (err) => reject(new Error(`docs: cannot listen on ${host}:${port}: ${err.message}`)));
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolvePromise({
        url: `http://${host}:${actualPort}/`,
        server,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections(); // keep-alive connections would hold the port open
          }),
      });
    });
  });
}

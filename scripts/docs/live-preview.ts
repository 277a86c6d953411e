// The docs server of `npm run dev`: reference pages are rendered in the browser from the docs'
// JSON (no server-side rendering, which takes seconds per API) and carry a small script that
// listens on /__dev/events (server-sent events): `reload` after a good rebuild, `problem` with the
// lint/build errors after a bad one (shown over the page, which keeps the last good build).
// Everything else is proxied to the ordinary static server.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { ApiEntry } from "../registry/apis.js";
import { serveStatic } from "../serve/static-server.js";

export interface LivePreview {
  url: string;
  /** Tells the open pages of `api` to reload. */
  reload(api: string): void;
  /** Shows `text` over the open pages of `api` (empty: hides it). */
  problem(api: string, text: string): void;
  close(): Promise<void>;
}

function devPage(api: ApiEntry, scriptName: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${api.name} (live preview)</title>
  <link rel="icon" href="./favicon.svg" type="image/svg+xml">
</head>
<body>
  <pre id="dev-problem" role="alert" style="display:none;position:fixed;z-index:10000;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#fff0f0;color:#8a1c1c;border-top:3px solid #d64545;font:13px/1.4 monospace;white-space:pre-wrap"></pre>
  <div id="redoc"></div>
  <script type="module">
    const box = document.getElementById("dev-problem");
    const show = (text) => { box.textContent = text; box.style.display = text ? "block" : "none"; };
    const container = document.getElementById("redoc");
    const redoc = import("./${scriptName}");
    let root;
    let rendering = Promise.resolve();
    let wanted = 0;
    // A rebuild re-renders in place (the script stays loaded and parsed, the scroll position kept):
    // fetch the new definition, unmount the old tree, render the new one.
    async function render(generation) {
      if (generation !== wanted) return; // a newer rebuild came in meanwhile: render that one
      const [definition, { init }] = await Promise.all([fetch("./${api.name}.json", { cache: "no-store" }).then((r) => r.json()), redoc]);
      if (generation !== wanted) return;
      const y = scrollY;
      root?.unmount();
      root = init(definition, { disableTelemetry: true }, container); // as the built pages: no request leaves the machine
      await new Promise((resolve) => { const check = () => (container.querySelector("h1") ? resolve() : requestAnimationFrame(check)); check(); });
      scrollTo(0, y);
      performance.mark("redoc-rendered");
    }
    const events = new EventSource("/__dev/events?api=${api.name}");
    events.addEventListener("reload", () => { const generation = ++wanted; rendering = rendering.then(() => render(generation)); });
    events.addEventListener("problem", (e) => show(JSON.parse(e.data)));
    rendering = rendering.then(() => render(wanted));
  </script>
</body>
</html>
`;
}

/** `onOpen(api)`: a reference page of `api` was opened (its event stream connected). */
export async function startLivePreview(
  dir: string,
  apis: ApiEntry[],
  scriptName: () => string,
  host: string,
  port: number,
  onOpen: (api: string) => void = () => {},
): Promise<LivePreview> {
  const files = await serveStatic(dir, "127.0.0.1", 0);
  const filesPort = new URL(files.url).port;
  const clients = new Map<string, Set<ServerResponse>>();
  const problems = new Map<string, string>();
  const send = (api: string, event: string, data: string) => {
    for (const res of clients.get(api) ?? []) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/__dev/events") {
      const api = url.searchParams.get("api") ?? "";
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(`event: problem\ndata: ${JSON.stringify(problems.get(api) ?? "")}\n\n`);
      const set = clients.get(api) ?? new Set();
      clients.set(api, set.add(res));
      req.on("close", () => set.delete(res));
      if (apis.some((a) => a.name === api)) onOpen(api);
      return;
    }
    const api = apis.find((a) => url.pathname === `/${a.name}.html`);
    if (api) {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
        .end(devPage(api, scriptName()));
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: filesPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => res.writeHead(502).end(err.message));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) => reject(new Error(`dev docs: cannot listen on ${host}:${port}: ${err.message}`)));
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    reload: (api) => send(api, "reload", ""),
    problem: (api, text) => {
      problems.set(api, text);
      send(api, "problem", text);
    },
    close: async () => {
      for (const set of clients.values()) for (const res of set) res.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await files.close();
    },
  };
}

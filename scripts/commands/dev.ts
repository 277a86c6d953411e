// `npm run dev`: the live preview. Builds if stale, serves every mock and the docs (as `npm start`),
// then watches specs/: on a save it lints that API's source (Spectral and Redocly, as `npm run lint`),
// re-renders its open reference pages from the new bundle, then rebuilds generated/ and restarts
// its mock on the same port (scripts/serve/dev-loop.ts). A broken save prints the findings
// (file:line:col, rule) and shows them over the page; the last good build keeps being served.
import { watch } from "node:fs";
import { join } from "node:path";
import { ROOT, loadApis } from "../registry/apis.js";
import { onShutdown, parseServeCommandLine, printTable, serveCommand, servePortHint } from "../serve/cli-options.js";
import { portInUseHint } from "../cli/command-line.js";
import type { MockHandle } from "../serve/mock.js";
import type { DevLoop } from "../serve/dev-loop.js";
import { DOCS } from "../registry/generated-paths.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
const spec = serveCommand(
  "npm run dev",
  "Live preview: serves every mock and the docs as npm start does, watches specs/, and on a save lints, rebuilds and reloads that API.",
  ["--host", "--port", "--docs-port", "--verbose", "--no-cors"],
  apis,
);
const options = parseServeCommandLine(spec, apis);
// The stages' modules (Redocly, Spectral, Prism, Redoc) load only now: `--help` and a typo answer at once.
const { redocScript } = await import("../docs/reference-page.js");
const { startLivePreview } = await import("../docs/live-preview.js");
const { startMock, startMocks } = await import("../serve/mock.js");
const { runBuild } = await import("../pipeline/build-generated.js");
const { runPipeline } = await import("../pipeline/stage-order.js");
const { startSpectralWorker } = await import("../lint/spectral-worker.js");
const { createDevLoop } = await import("../serve/dev-loop.js");
try {
  await runPipeline({ docs: { mockHost: options.host }, log: (l) => console.log(l) });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// Spectral loads its ruleset in its own thread meanwhile, and lints there while Redocly runs here.
const spectral = startSpectralWorker();
const mocks = new Map<string, MockHandle>();
let preview: Awaited<ReturnType<typeof startLivePreview>>;
const scriptName = redocScript().name;
// A reference page that opens warms its source (the loop, made below, needs the preview).
const opened: string[] = [];
let warmer: DevLoop | undefined;
const warm = (api: string) => (warmer ? warmer.warm(api) : opened.push(api));
try {
  for (const m of await startMocks(apis, {
    host: options.host,
    ports: options.ports,
    verbose: options.verbose,
    cors: options.cors,
  }))
    mocks.set(m.api, m);
  preview = await startLivePreview(DOCS, apis, () => scriptName, options.host, options.docsPort, warm);
} catch (err) {
  await Promise.allSettled([...mocks.values()].map((m) => m.close()));
  console.error(portInUseHint((err as Error).message, servePortHint));
  process.exit(1);
}

const loop = createDevLoop({
  apis,
  spectral,
  preview,
  docsDir: DOCS,
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  async restartMocks(restarted) {
    for (const api of restarted) {
      const old = mocks.get(api.name)!;
      await old.close();
      mocks.set(
        api.name,
        await startMock(api, {
          host: options.host,
          port: Number(new URL(old.url).port),
          verbose: options.verbose,
          cors: options.cors,
        }),
      );
    }
  },
});
const specsDir = join(ROOT, "specs");
const watcher = watch(specsDir, { recursive: true }, (_event, file) => {
  if (file) loop.changed(join(specsDir, String(file)));
});
// The table says the preview is ready, so it comes once every spec file is watched: Node 20's
// recursive watch on Linux walks specs/ file by file, and a save made before it reached that file
// would never be seen (a script that saves as soon as the URLs appear, on a busy machine).
console.log(`\nLive preview (watching specs/; Ctrl-C to stop):`);
printTable([["docs", preview.url], ...[...mocks.values()].map((m): [string, string] => [`${m.api} mock`, m.url])]);
warmer = loop;
for (const api of opened) loop.warm(api);

onShutdown(async () => {
  watcher.close();
  await Promise.allSettled([preview.close(), spectral.close(), ...[...mocks.values()].map((m) => m.close())]);
});

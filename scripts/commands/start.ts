// `npm start`: build if stale, then serve every API's Prism mock and the docs on 127.0.0.1.
// Options: see scripts/serve/cli-options.ts. Ctrl-C or SIGTERM stops every server.
import { loadApis } from "../registry/apis.js";
import { onShutdown, parseServeCommandLine, printTable, serveCommand, servePortHint } from "../serve/cli-options.js";
import { portInUseHint } from "../cli/command-line.js";
import { DOCS } from "../registry/generated-paths.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
const spec = serveCommand(
  "npm start",
  "Builds what is stale, then serves every API's mock and the docs; Ctrl-C (or SIGTERM/SIGINT to npm or node) stops all.",
  ["--host", "--port", "--docs-port", "--verbose", "--no-cors"],
  apis,
);
const options = parseServeCommandLine(spec, apis);
// The pipeline's and the mock engine's modules load only now (`--help` and a typo answer at once),
// the mock engine's while the build check runs.
const mockEngine = import("../serve/mock.js");
mockEngine.catch(() => undefined); // awaited below
const { runPipeline } = await import("../pipeline/stage-order.js");
const { serveStatic } = await import("../serve/static-server.js");

try {
  const report = await runPipeline({ docs: { mockHost: options.host }, log: (l) => console.log(l) });
  if (report.docsBuilt.length) console.log(`generated/docs/: rendered ${report.docsBuilt.join(", ")}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const serving = performance.now();
let mocks;
try {
  const { startMocks } = await mockEngine;
  mocks = await startMocks(apis, {
    host: options.host,
    ports: options.ports,
    verbose: options.verbose,
    cors: options.cors,
  });
} catch (err) {
  console.error(
    `could not start the mocks (none is left running):\n${portInUseHint((err as Error).message, servePortHint)}`,
  );
  process.exit(1);
}
let docs;
try {
  docs = await serveStatic(DOCS, options.host, options.docsPort);
} catch (err) {
  await Promise.allSettled(mocks.map((m) => m.close()));
  console.error(`${portInUseHint((err as Error).message, servePortHint)} (the mocks were stopped)`);
  process.exit(1);
}
// performance.now() counts from the process's start: the banner's figure is what the user waited
// (tsx, the build check or build, the servers), not only the servers' own start.
const readyMs = performance.now();
const serversMs = readyMs - serving;

console.log(
  `\nServing (ready in ${readyMs.toFixed(0)} ms from process start, servers ${serversMs.toFixed(0)} ms of it; Ctrl-C to stop):`,
);
printTable([["docs", docs.url], ...mocks.map((m): [string, string] => [`${m.api} mock`, m.url])]);
onShutdown(async () => {
  await Promise.allSettled([docs.close(), ...mocks.map((m) => m.close())]);
});

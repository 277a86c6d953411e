// `npm start`: build if stale, then serve every API's Prism mock and the docs on 127.0.0.1.
// Options: see scripts/serve/cli-options.ts. Ctrl-C or SIGTERM stops every server.
import { loadApis } from "./registry/apis.js";
import { onShutdown, parseServeOptions, printTable } from "./serve/cli-options.js";
import { startMocks } from "./serve/mock.js";
import { DOCS } from "./registry/generated-paths.js";
import { runBuild } from "./build/pipeline.js";
import { serveStatic } from "./serve/static-server.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
let options;
try {
  options = parseServeOptions(process.argv.slice(2), apis);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

try {
  const report = await runBuild({ mockHost: options.host, log: (l) => console.log(l) });
  if (report.docsBuilt.length) console.log(`generated/docs/: rendered ${report.docsBuilt.join(", ")}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const started = performance.now();
let mocks;
try {
  mocks = await startMocks(apis, { host: options.host, ports: options.ports, verbose: options.verbose, cors: options.cors });
} catch (err) {
  console.error(`could not start the mocks (none is left running):\n${(err as Error).message}`);
  process.exit(1);
}
let docs;
try {
  docs = await serveStatic(DOCS, options.host, options.docsPort);
} catch (err) {
  await Promise.allSettled(mocks.map((m) => m.close()));
  console.error(`${(err as Error).message} (the mocks were stopped)`);
  process.exit(1);
}
const readyMs = performance.now() - started;

console.log(`\nServing (ready in ${readyMs.toFixed(0)} ms; Ctrl-C to stop):`);
printTable([["docs", docs.url], ...mocks.map((m): [string, string] => [`${m.api} mock`, m.url])]);
onShutdown(async () => {
  await Promise.allSettled([docs.close(), ...mocks.map((m) => m.close())]);
});

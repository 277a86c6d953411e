// `npm run mock -- <api> [more apis]`: serve the named mocks (all when none is named), no docs.
// Builds first if stale. Options: see scripts/serve/cli-options.ts.
import { getApi, loadApis } from "../registry/apis.js";
import { onShutdown, parseServeCommandLine, printTable, serveCommand, servePortHint } from "../serve/cli-options.js";
import { portInUseHint } from "../cli/command-line.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
const names = apis.map((a) => a.name);
const spec = serveCommand(
  "npm run mock",
  "Builds what is stale, then serves the named mocks (all when none is named), no docs.",
  ["--host", "--port", "--verbose", "--no-cors"],
  apis,
  {
    usage: "[<api>…]",
    min: 0,
    max: names.length,
    choices: names,
    what: "API",
  },
);
const options = parseServeCommandLine(spec, apis);
// The build's and the mock engine's modules load only now: `--help` and a typo answer at once.
const mockEngine = import("../serve/mock.js");
mockEngine.catch(() => undefined); // awaited below
try {
  const { runBuild } = await import("../pipeline/build-generated.js");
  const selected = options.positional.length ? options.positional.map((n) => getApi(n, apis)) : apis;
  await runBuild({ log: (l) => console.log(l) });
  const { startMocks } = await mockEngine;
  const mocks = await startMocks(selected, {
    host: options.host,
    ports: options.ports,
    verbose: options.verbose,
    cors: options.cors,
  });
  console.log("Serving (Ctrl-C to stop):");
  printTable(mocks.map((m): [string, string] => [`${m.api} mock`, m.url]));
  onShutdown(async () => {
    await Promise.allSettled(mocks.map((m) => m.close()));
  });
} catch (err) {
  console.error(portInUseHint((err as Error).message, servePortHint));
  process.exit(1);
}

// `npm run mock -- <api> [more apis]`: serve the named mocks (all when none is named), no docs.
// Builds first if stale. Options: see scripts/serve/cli-options.ts.
import { getApi, loadApis } from "./registry/apis.js";
import { onShutdown, parseServeOptions, printTable } from "./serve/cli-options.js";
import { startMocks } from "./serve/mock.js";
import { runBuild } from "./build/pipeline.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
try {
  const options = parseServeOptions(process.argv.slice(2), apis);
  const selected = options.positional.length ? options.positional.map((n) => getApi(n, apis)) : apis;
  await runBuild({ docs: false, log: (l) => console.log(l) });
  const mocks = await startMocks(selected, { host: options.host, ports: options.ports, verbose: options.verbose, cors: options.cors });
  console.log("Serving (Ctrl-C to stop):");
  printTable(mocks.map((m): [string, string] => [`${m.api} mock`, m.url]));
  onShutdown(async () => {
    await Promise.allSettled(mocks.map((m) => m.close()));
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// `npm run proxy -- <api> <upstream-url> [--port N] [--host H]`: a validating proxy in front of a
// real server (a self-hosted Healthchecks or Livebridge, say). Point your client at the printed
// URL; every request is forwarded, and each answer's departures from our spec are reported.
import { getApi } from "./lib/apis.js";
import { onShutdown } from "./lib/cli-options.js";
import { runBuild } from "./lib/pipeline.js";
import { formatReport, startValidatingProxy } from "./lib/proxy.js";

process.env.REDOCLY_TELEMETRY = "off";
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
try {
  const port = Number(flag("--port") ?? 4020);
  const host = flag("--host") ?? "127.0.0.1";
  const [name, upstream] = args;
  if (!name || !upstream) throw new Error("usage: npm run proxy -- <api> <upstream-url> [--port N] [--host H]");
  const upstreamUrl = new URL(upstream); // throws a clear TypeError on a bad URL
  const api = getApi(name);
  await runBuild({ docs: false });
  let departures = 0;
  const proxy = await startValidatingProxy(api, upstreamUrl.toString(), {
    host,
    port,
    onReport: (report) => {
      if (report.violations.length) departures++;
      console.log(formatReport(report));
    },
  });
  console.log(`Validating ${api.name} answers of ${upstreamUrl.origin} against generated/${api.name}/openapi.json`);
  console.log(`Send requests to ${proxy.url} (Ctrl-C to stop)`);
  onShutdown(async () => {
    await proxy.close();
    console.log(`${departures} request(s) departed from the spec.`);
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

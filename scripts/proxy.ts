// `npm run proxy -- <api> <upstream-url> [--port N] [--host H] [--report file.json] [--timeout ms]`:
// a validating proxy in front of a real server (a self-hosted Healthchecks or Livebridge, say).
// Point your client at the printed URL; every request is forwarded unchanged, the answer comes
// back unchanged, and each exchange's departures from our spec are reported.
import { relative, resolve } from "node:path";
import { ROOT, getApi } from "./registry/apis.js";
import { onShutdown } from "./serve/cli-options.js";
import { bundlePath } from "./registry/generated-paths.js";
import { runBuild } from "./build/pipeline.js";
import { startValidatingProxy } from "./serve/proxy.js";
import { maskUrl } from "./conformance/secrets.js";
import { formatReport, ReportFile, summarise, type ProxyReport } from "./serve/proxy-report.js";

process.env.REDOCLY_TELEMETRY = "off";
const USAGE = "usage: npm run proxy -- <api> <upstream-url> [--port N] [--host H] [--report file.json] [--timeout ms]";

function parseArgs(argv: string[]) {
  const options = { port: 4020, host: "127.0.0.1", report: undefined as string | undefined, timeoutMs: 30_000, positional: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return value;
    };
    const whole = (value: string, min: number, max: number) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${arg}: "${value}" is not a whole number from ${min} to ${max}`);
      return n;
    };
    if (arg === "--port") options.port = whole(next(), 0, 65535);
    else if (arg === "--host") options.host = next();
    else if (arg === "--report") options.report = resolve(next());
    else if (arg === "--timeout") options.timeoutMs = whole(next(), 1, 24 * 3600 * 1000);
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else options.positional.push(arg);
  }
  return options;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const [name, upstream, extra] = options.positional;
  if (!name || !upstream || extra) throw new Error(USAGE);
  let upstreamUrl: URL;
  try {
    upstreamUrl = new URL(upstream);
  } catch {
    throw new Error(`"${upstream}" is not a URL (e.g. http://127.0.0.1:8000)`);
  }
  const api = getApi(name);
  await runBuild({ docs: false });
  const reports: ProxyReport[] = [];
  const file = options.report ? new ReportFile(options.report, { api: api.name, upstream: maskUrl(upstreamUrl.toString()) }) : undefined;
  const proxy = await startValidatingProxy(api, upstreamUrl.toString(), {
    host: options.host,
    port: options.port,
    timeoutMs: options.timeoutMs,
    onReport: (report) => {
      reports.push(report);
      file?.add(report);
      console.log(formatReport(report));
    },
  });
  console.log(`Checking ${api.name} exchanges with ${upstreamUrl.origin} against ${relative(ROOT, bundlePath(api))}${file ? `; full report in ${file.path}` : ""}`);
  console.log(`Send requests to ${proxy.url} (Ctrl-C to stop)`);
  onShutdown(async () => {
    await proxy.close();
    file?.flush();
    const s = summarise(reports);
    console.log(`${s.requests} request(s): ${s.conforming} conform, ${s.departing} depart from the spec, ${s.failed} upstream failure(s).`);
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// `npm run proxy -- <api> <upstream-url> [--port N] [--host H] [--report file.json] [--timeout ms]`:
// a validating proxy in front of a real server (a self-hosted Healthchecks or Livebridge, say).
// Point your client at the printed URL; every request is forwarded unchanged, the answer comes
// back unchanged, and each exchange's departures from our spec are reported. The spec is the
// build's generated/<api>/openapi.dereferenced.json: without a current build, one line says to run
// `npm run build` (exit 1). Nothing here loads Redocly.
import { resolve } from "node:path";
import { getApi, loadApis } from "../registry/apis.js";
import { onShutdown } from "../serve/cli-options.js";
import {
  exitUsage,
  nearest,
  parseOrExit,
  portInUseHint,
  UsageError,
  wholeNumber,
  type CommandSpec,
} from "../cli/command-line.js";
import { dereferencedPath, readDereferenced } from "../serve/built-document.js";
import { startValidatingProxy } from "../proxy/proxy.js";
import { maskUrl } from "../conformance/secrets.js";
import { formatReport, ReportFile, summarise, type ProxyReport } from "../proxy/proxy-report.js";

const names = loadApis().map((a) => a.name);
const spec: CommandSpec = {
  command: "npm run proxy",
  summary:
    "A validating proxy in front of a real server: answers pass through unchanged; each exchange's departures from the spec are reported.",
  positionals: { usage: "<api> <upstream-url>", min: 2, max: 2 },
  options: [
    { name: "--port", value: "N", help: "port to listen on (default 4020; 0 = any free port)" },
    { name: "--host", value: "H", help: "interface to listen on (default 127.0.0.1)" },
    { name: "--report", value: "file.json", help: "write every exchange, in full, as JSON" },
    { name: "--timeout", value: "ms", help: "how long to wait for the upstream's answer (default 30000)" },
  ],
  notes: [
    `APIs: ${names.join(", ")}`,
    "example: npm run proxy -- healthchecks http://127.0.0.1:8000 --report report.json",
  ],
};

function parseArgs() {
  const { options: o, positional } = parseOrExit(spec);
  try {
    if (!names.includes(positional[0]!))
      throw new UsageError(
        `API "${positional[0]}" is not one of ${names.join(", ")}; did you mean ${nearest(positional[0]!, names)}?`,
      );
    return {
      port: o["--port"] === undefined ? 4020 : wholeNumber(o["--port"] as string, "--port", 0, 65535),
      host: (o["--host"] as string | undefined) ?? "127.0.0.1",
      report: o["--report"] === undefined ? undefined : resolve(o["--report"] as string),
      timeoutMs:
        o["--timeout"] === undefined ? 30_000 : wholeNumber(o["--timeout"] as string, "--timeout", 1, 24 * 3600 * 1000),
      positional,
    };
  } catch (err) {
    if (err instanceof UsageError) exitUsage(spec, err.message);
    throw err;
  }
}

const options = parseArgs();
try {
  const [name, upstream] = options.positional as [string, string];
  let upstreamUrl: URL;
  try {
    upstreamUrl = new URL(upstream);
  } catch {
    exitUsage(spec, `"${upstream}" is not a URL (e.g. http://127.0.0.1:8000)`);
  }
  const api = getApi(name);
  const doc = readDereferenced(api);
  const reports: ProxyReport[] = [];
  const file = options.report
    ? new ReportFile(options.report, { api: api.name, upstream: maskUrl(upstreamUrl.toString()) })
    : undefined;
  const proxy = await startValidatingProxy(api, upstreamUrl.toString(), {
    host: options.host,
    port: options.port,
    timeoutMs: options.timeoutMs,
    spec: doc,
    onReport: (report) => {
      reports.push(report);
      file?.add(report);
      console.log(formatReport(report));
    },
  });
  console.log(
    `Checking ${api.name} exchanges with ${upstreamUrl.origin} against ${dereferencedPath(api)}${file ? `; full report in ${file.path}` : ""}`,
  );
  console.log(`Send requests to ${proxy.url} (Ctrl-C to stop)`);
  onShutdown(async () => {
    await proxy.close();
    file?.flush();
    const s = summarise(reports);
    console.log(
      `${s.requests} request(s): ${s.conforming} conform, ${s.departing} depart from the spec, ${s.failed} upstream failure(s).`,
    );
  });
} catch (err) {
  console.error(portInUseHint((err as Error).message, () => `choose another with --port N (0 picks a free one)`));
  process.exit(1);
}

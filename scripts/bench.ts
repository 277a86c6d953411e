// `npm run bench [-- --only build|mocks|abuse|docs|preview|suite] [--duration S] [--runs N] [--docs-dir D]`: prints the figures the speed
// and memory goals are judged by (never asserted in tests). Build: cold and no-op builds, per
// stage, peak memory, against the naive one-CLI-per-tool-per-API way. Mocks: start-up and load.
// Abuse: the answers to bad input, and memory before/after it. Suite: the test suites' wall times (only
// with --only suite: it runs both test suites).
// The child modes (`--child mocks|docs|ceiling`) are the servers under test: they import only what they
// run, so start-up figures are not inflated by the benchmark's own modules.
import { loadApis } from "./registry/apis.js";

process.env.REDOCLY_TELEMETRY = "off";
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};

const child = option("--child", "");
if (child === "mocks") {
  // Our mocks, all in this process, on free ports.
  const { startMocks } = await import("./serve/mock.js");
  const mocks = await startMocks(loadApis(), { host: "127.0.0.1", port: 0 });
  console.log(`READY ${JSON.stringify(Object.fromEntries(mocks.map((m) => [m.api, m.url])))}`);
  process.on("SIGTERM", () => Promise.allSettled(mocks.map((m) => m.close())).then(() => process.exit(0)));
} else if (child === "docs") {
  // The docs server on a folder with a file beside it that must never be served.
  const { traversalFixture } = await import("./testkit/bad-input.js");
  const { serveStatic } = await import("./serve/static-server.js");
  const fixture = traversalFixture();
  const docs = await serveStatic(fixture.docsDir, "127.0.0.1", 0);
  console.log(`READY ${docs.url}`);
  process.on("SIGTERM", () => docs.close().then(() => (fixture.remove(), process.exit(0))));
} else if (child === "ceiling") {
  // The ceiling: a bare node:http server answering /<i> with the i-th example body.
  const { createServer } = await import("node:http");
  const answers = JSON.parse(args[args.indexOf("ceiling") + 1]!) as { status: number; contentType: string; body: string }[];
  const server = createServer((req, res) => {
    req.resume();
    const answer = answers[Number(req.url?.slice(1) ?? 0)] ?? answers[0]!;
    res.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
  });
  server.listen(0, "127.0.0.1", () => {
    const a = server.address();
    console.log(`READY http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
} else {
  const { benchBuild } = await import("./bench/build-bench.js");
  const { benchMocks } = await import("./bench/mock-bench.js");
  const { benchAbuse } = await import("./bench/abuse-bench.js");
  const { benchDocs, benchPreview } = await import("./bench/docs-bench.js");
  const only = option("--only", "all");
  const apis = loadApis();
  const log = (line: string) => console.log(line);
  console.log(`npm run bench — ${new Date().toISOString()}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
  if (only === "all" || only === "build") await benchBuild(apis, Number(option("--runs", "5")), log);
  if (only === "all" || only === "docs") await benchDocs(apis, Number(option("--runs", "5")), log, option("--docs-dir", "") || undefined);
  if (only === "all" || only === "preview") await benchPreview(apis, Number(option("--runs", "5")), log);
  if (only === "all" || only === "mocks") await benchMocks(apis, { duration: Number(option("--duration", "10")), startupRuns: 3 }, log);
  if (only === "all" || only === "abuse") await benchAbuse(apis, log);
  if (only === "suite") (await import("./bench/suite-bench.js")).benchSuite(log);
}

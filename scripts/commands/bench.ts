// `npm run bench [-- --only build|start|mocks|abuse|docs|lighthouse|preview|suite] [--duration S] [--runs N] [--docs-dir D]`: prints the figures the speed
// and memory goals are judged by (never asserted in tests). Build: cold and no-op builds, per
// stage, peak memory, against the naive one-CLI-per-tool-per-API way. Start: `npm start` as a user
// runs it (ready, memory after start, stop with connections open). Mocks: start-up and load.
// Abuse: the answers to bad input, and memory before/after it. Suite: the test suites' wall times (it runs
// both test suites). The run ends with one table of every goal, met or not (bench/goals.ts).
// The child modes (`--child docs|ceiling`; the mocks' is scripts/testkit/mock-child.ts) are the servers
// under test: they import only what they run, so start-up figures are not inflated by the benchmark's
// own modules.
import { loadApis } from "../registry/apis.js";
import { exitUsage, parseOrExit, UsageError, wholeNumber, type CommandSpec } from "../cli/command-line.js";

process.env.REDOCLY_TELEMETRY = "off";
const PARTS = ["build", "start", "mocks", "abuse", "docs", "lighthouse", "preview", "suite"] as const;
const spec: CommandSpec = {
  command: "npm run bench",
  summary:
    "Prints the figures the speed and memory goals are judged by: build, npm start (ready, memory, stop), mocks start-up and load, abuse, docs pages, Lighthouse, live preview, and the test suites (run once each); it ends with one table of every speed goal, met or not. Takes about a quarter of an hour; Ctrl-C stops it and every server it started.",
  positionals: { usage: "", min: 0, max: 1 },
  options: [
    { name: "--only", value: "<part>", choices: PARTS, help: "run one part only" },
    { name: "--duration", value: "S", help: "seconds per load row (default 10)" },
    { name: "--runs", value: "N", help: "runs per median (default 5; npm start: 3)" },
    { name: "--docs-dir", value: "D", help: "the docs folder the docs part measures (default generated/docs/)" },
    // The servers under test, started by the benchmark itself (see below).
    { name: "--child", value: "<mode>", choices: ["docs", "ceiling"], hidden: true, help: "internal" },
  ],
};
const parsed = parseOrExit(spec);
if (parsed.positional.length && parsed.options["--child"] !== "ceiling")
  exitUsage(spec, `npm run bench takes no arguments (got ${parsed.positional.join(" ")})`);
const option = (name: string, fallback: string) => (parsed.options[name] as string | undefined) ?? fallback;
const count = (name: string, fallback: string) => {
  try {
    return wholeNumber(option(name, fallback), name, 1, 10_000);
  } catch (err) {
    if (err instanceof UsageError) exitUsage(spec, err.message);
    throw err;
  }
};

const child = option("--child", "");
if (child === "docs") {
  // The docs server on a folder with a file beside it that must never be served.
  const { traversalFixture } = await import("../testkit/bad-input.js");
  const { serveStatic } = await import("../serve/static-server.js");
  const fixture = traversalFixture();
  const docs = await serveStatic(fixture.docsDir, "127.0.0.1", 0);
  console.log(`READY ${docs.url}`);
  process.on("SIGTERM", () => docs.close().then(() => (fixture.remove(), process.exit(0))));
} else if (child === "ceiling") {
  // The ceiling: a bare node:http server answering /<i> with the i-th example body.
  const { createServer } = await import("node:http");
  const answers = JSON.parse(parsed.positional[0]!) as { status: number; contentType: string; body: string }[];
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
  const { benchBuild } = await import("../bench/build-bench.js");
  const { benchMocks } = await import("../bench/mock-bench.js");
  const { benchAbuse } = await import("../bench/abuse-bench.js");
  const { benchDocs } = await import("../bench/docs-bench.js");
  const { benchPreview } = await import("../bench/preview-bench.js");
  const only = option("--only", "all");
  const runs = count("--runs", "5");
  const duration = count("--duration", "10");
  const apis = loadApis();
  // Ctrl-C or SIGTERM (to npm or node): stop every server the benchmark started, then exit.
  const { stopAllChildren } = await import("../bench/process.js");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's servers…`);
      void stopAllChildren().then(() => process.exit(130));
    });
  }
  const log = (line: string) => console.log(line);
  console.log(
    `npm run bench — ${new Date().toISOString()}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`,
  );
  if (only === "all" || only === "build") await benchBuild(apis, runs, log);
  if (only === "all" || only === "start")
    await (
      await import("../bench/start-bench.js")
    ).benchStart(apis, parsed.options["--runs"] === undefined ? 3 : runs, log);
  if (only === "all" || only === "docs") await benchDocs(apis, runs, log, option("--docs-dir", "") || undefined);
  if (only === "all" || only === "lighthouse")
    await (
      await import("../bench/lighthouse-bench.js")
    ).benchLighthouse(
      apis,
      parsed.options["--runs"] === undefined ? 1 : runs,
      log,
      option("--docs-dir", "") || undefined,
    );
  if (only === "all" || only === "preview") await benchPreview(apis, runs, log);
  if (only === "all" || only === "mocks") await benchMocks(apis, { duration, startupRuns: 3 }, log);
  if (only === "all" || only === "abuse") await benchAbuse(apis, log);
  if (only === "all" || only === "suite") (await import("../bench/suite-bench.js")).benchSuite(log);
  (await import("../bench/goals.js")).printGoals(log);
}

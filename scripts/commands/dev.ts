// `npm run dev`: the live preview. Builds if stale, serves every mock and the docs (as `npm start`),
// then watches specs/: on a save it lints that API (Spectral and Redocly, as `npm run lint`),
// rebuilds it (bundle, types, client, docs JSON), restarts its mock on the same port and reloads
// the open reference page. A broken save prints the findings (file:line:col, rule) and shows them
// over the page; the last good build keeps being served.
import { readFileSync, watch } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { ROOT, loadApis, type ApiEntry } from "../registry/apis.js";
import { lintSources } from "../lint/source-lint.js";
import { HELD_BACK } from "../lint/yaml-parse.js";
import { onShutdown, parseServeCommandLine, printTable, serveCommand, servePortHint } from "../serve/cli-options.js";
import { portInUseHint } from "../cli/command-line.js";
import { redocScript } from "../docs/reference-page.js";
import { docsCopy } from "../docs/docs-copy.js";
import { writeAtomic } from "../registry/files.js";
import { startLivePreview } from "../docs/live-preview.js";
import { startMock, startMocks, type MockHandle } from "../serve/mock.js";
import { bundlePath, DOCS } from "../registry/generated-paths.js";
import { runBuild } from "../generate/build-generated.js";
import { runPipeline } from "../pipeline/stage-order.js";
import { createSpectral } from "../lint/spectral.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
const spec = serveCommand("npm run dev", "Live preview: serves every mock and the docs as npm start does, watches specs/, and on a save lints, rebuilds and reloads that API.", ["--host", "--port", "--docs-port", "--verbose", "--no-cors"], apis);
const options = parseServeCommandLine(spec, apis);
try {
  await runPipeline({ docs: { mockHost: options.host }, log: (l) => console.log(l) });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const mocks = new Map<string, MockHandle>();
let preview: Awaited<ReturnType<typeof startLivePreview>>;
const scriptName = redocScript().name;
try {
  for (const m of await startMocks(apis, { host: options.host, ports: options.ports, verbose: options.verbose, cors: options.cors })) mocks.set(m.api, m);
  preview = await startLivePreview(DOCS, apis, () => scriptName, options.host, options.docsPort);
} catch (err) {
  await Promise.allSettled([...mocks.values()].map((m) => m.close()));
  console.error(portInUseHint((err as Error).message, servePortHint));
  process.exit(1);
}
const spectral = await createSpectral();

console.log(`\nLive preview (watching specs/; Ctrl-C to stop):`);
printTable([["docs", preview.url], ...[...mocks.values()].map((m): [string, string] => [`${m.api} mock`, m.url])]);

async function rebuild(api: ApiEntry): Promise<void> {
  const start = performance.now();
  let findings: string[];
  let note = "";
  try {
    const result = await lintSources(api, spectral);
    findings = result.findings;
    if (result.unparsed) note = `\n  ${HELD_BACK}`;
  } catch (err) {
    findings = [`${relative(ROOT, api.root)}: ${(err as Error).message}`];
  }
  const linted = performance.now();
  try {
    if (findings.length) throw new Error(`${api.name}: ${findings.length} lint finding(s)\n  ${findings.join("\n  ")}${note}`);
    await runBuild();
    const bundle = JSON.parse(readFileSync(bundlePath(api), "utf8"));
    writeAtomic(join(DOCS, `${api.name}.json`), JSON.stringify(docsCopy(api, bundle)));
  } catch (err) {
    const text = `${(err as Error).message}\n(still serving the last good build of ${api.name})`;
    console.error(`✘ ${text}`);
    preview.problem(api.name, text);
    return;
  }
  const built = performance.now();
  const old = mocks.get(api.name)!;
  await old.close();
  mocks.set(api.name, await startMock(api, { host: options.host, port: Number(new URL(old.url).port), verbose: options.verbose, cors: options.cors }));
  preview.problem(api.name, "");
  preview.reload(api.name);
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
  console.log(`✔ ${api.name} rebuilt in ${ms(start, performance.now())} (lint ${ms(start, linted)}, build ${ms(linted, built)}, mock ${ms(built, performance.now())}); page reloaded`);
}

// Saves come in bursts (editors write, rename, touch): one rebuild per API per burst, never two at once.
let queue = Promise.resolve();
const timers = new Map<string, NodeJS.Timeout>();
const specsDir = join(ROOT, "specs");
const watcher = watch(specsDir, { recursive: true }, (_event, file) => {
  if (!file) return;
  // Every API built from the file's folder: versions derived from one source (Healthchecks v1-v3) too.
  for (const api of apis.filter((a) => join(specsDir, String(file)).startsWith(dirname(a.root) + sep))) {
    clearTimeout(timers.get(api.name));
    timers.set(api.name, setTimeout(() => (queue = queue.then(() => rebuild(api)).catch((err) => console.error(err))), 30));
  }
});

onShutdown(async () => {
  watcher.close();
  await Promise.allSettled([preview.close(), ...[...mocks.values()].map((m) => m.close())]);
});

// `npm run lint`: Spectral (.spectral.yaml) and Redocly (the rules in redocly.yaml) over every API
// in the registry, in one process; then, if the sources are clean, Spectral again on the bundle the
// build wrote (generated/<api>/openapi.json; bundled in memory instead when that is out of date).
// Every rule setting is in those two files. Any finding, warning or error, fails: the bar is zero.
// A file that is not YAML is reported first and alone (scripts/lint/yaml-parse.ts).
// An API whose inputs are exactly those of its last clean lint is not linted again (its line says
// so); the key covers every input that can change the outcome (scripts/lint/lint-cache.ts).
import { ROOT, loadApis, sharesEarlierRoot } from "../registry/apis.js";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { bundlePath } from "../registry/generated-paths.js";
import { parseOrExit } from "../cli/command-line.js";
import { LintCache } from "../lint/lint-cache.js";
import { formatFinding } from "../lint/spectral-types.js";
import { lazySpectralWorker } from "../lint/spectral-worker.js";
import { lintSources } from "../lint/source-lint.js";
import { HELD_BACK } from "../lint/yaml-parse.js";

process.env.REDOCLY_TELEMETRY = "off";

const apis = loadApis();
const { positional: only, options } = parseOrExit({
  command: "npm run lint",
  summary:
    "Spectral (.spectral.yaml) and Redocly (redocly.yaml) on the sources, then Spectral on the bundle; with no API named, also the code's formatting (Prettier). Any finding, error or warning, fails. A file that is not valid YAML is reported first ([yaml-parse]), alone.",
  positionals: { usage: "[<api>…]", min: 0, max: apis.length, choices: apis.map((a) => a.name), what: "API" },
  options: [
    {
      name: "--no-cache",
      help: "lint every API, also one whose inputs are those of its last clean lint (generated/.lint-cache.json)",
    },
  ],
});
const selected = only.length ? apis.filter((a) => only.includes(a.name)) : apis;

// Each API's inputs, hashed before it is linted: a clean result is kept under that key.
const cache = new LintCache();
const inputs = new Map(selected.map((api) => [api, cache.inputs(api)]));
const useCache = options["--no-cache"] !== true;
const toLint = selected.filter((api) => !(useCache && cache.isClean(api, inputs.get(api)!)));

// The linters load only when an API is to be linted, and only as far as needed: `--help`, a typo,
// an unchanged tree and a file that is not YAML answer without loading Spectral or Redocly.
// Spectral runs in a worker thread: it lints an API while Redocly lints it here.
const spectral = lazySpectralWorker();

let total = 0;
for (const api of selected) {
  const label = `${api.name} (${relative(ROOT, api.root)})`;
  const { current } = inputs.get(api)!;
  if (!toLint.includes(api)) {
    console.log(`✔ ${label}: 0 errors, 0 warnings (unchanged since its last clean lint, not linted again)`);
    continue;
  }
  let findings: string[];
  let unparsed = false;
  try {
    // A version derived from a shared source: the sources were linted with the first entry.
    ({ findings, unparsed } = sharesEarlierRoot(api, apis)
      ? { findings: [], unparsed: false }
      : await lintSources(api, spectral));
    if (findings.length === 0) {
      // The bundle is what docs, mocks and generators read: lint it too. The build's when it is
      // current; else the sources bundled in memory under the build's name (the ruleset's
      // overrides match that name), so that lint before build still sees what the build will write.
      const where = bundlePath(api);
      const bundled = current
        ? readFileSync(where, "utf8")
        : JSON.stringify(await (await import("../generate/bundle.js")).bundleApi(api), null, 2);
      if (!current)
        console.log(
          `  ${api.name}: ${relative(ROOT, where)} is older than its sources; linting them bundled in memory (npm run build updates it)`,
        );
      findings = (await spectral.lintText(bundled, where)).map((f) => `spectral ${formatFinding(f)} [in the bundle]`);
    }
  } catch (err) {
    // An unreadable root (missing file, unparsable YAML) is a finding too, named by file.
    findings = [`${relative(ROOT, api.root)}: ${(err as Error).message}`];
  }
  total += findings.length;
  // Only a clean result is kept: findings and errors are reported again on every run.
  cache.record(api, inputs.get(api)!, findings.length === 0);
  if (findings.length === 0) console.log(`✔ ${label}: 0 errors, 0 warnings`);
  else {
    console.log(`✘ ${label}: ${findings.length} finding(s)`);
    for (const f of findings) console.log(`  ${f}`);
    if (unparsed) console.log(`  ${HELD_BACK}`);
  }
}
cache.save();
// The code's formatting (Prettier, .prettierrc.json), when the whole repository is linted.
if (only.length === 0) {
  const { checkFormatting } = await import("../lint/format-check.js");
  const unformatted = await checkFormatting();
  total += unformatted.length;
  if (unformatted.length === 0) console.log("✔ code formatting (Prettier): 0 files to change");
  else {
    console.log(
      `✘ code formatting (Prettier): ${unformatted.length} file(s) not as Prettier formats them (npm run format fixes them)`,
    );
    for (const f of unformatted) console.log(`  ${f.file}:${f.line} [format] differs from here on`);
  }
}
if (total > 0) {
  console.error(`lint failed: ${total} finding(s); the bar is zero errors and zero warnings.`);
  process.exit(1);
}
const unchanged = selected.length - toLint.length;
console.log(
  `lint passed: ${selected.length} API(s), 0 errors, 0 warnings.${unchanged ? ` ${unchanged} unchanged since their last clean lint (--no-cache lints them again).` : ""}`,
);

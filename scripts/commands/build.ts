// `npm run build [-- --force] [-- --no-docs]`: the whole pipeline, see scripts/pipeline/stage-order.ts.
import { runPipeline } from "../pipeline/stage-order.js";
import { parseOrExit } from "../cli/command-line.js";

const { options } = parseOrExit({
  command: "npm run build",
  summary:
    "Structural check, bundle, types, clients and docs for every API; skips unchanged APIs by content hash; writes nothing unless every API succeeds.",
  options: [
    { name: "--force", help: "rebuild every API, changed or not" },
    { name: "--no-docs", help: "leave the rendered docs (generated/docs/) alone" },
  ],
});
process.env.REDOCLY_TELEMETRY = "off";
const start = performance.now();
try {
  const force = options["--force"] === true;
  const report = await runPipeline({
    force,
    docs: options["--no-docs"] === true ? false : { force },
    log: (l) => console.log(l),
  });
  if (report.docsBuilt.length) console.log(`generated/docs/: rendered ${report.docsBuilt.join(", ")}`);
  const stages = Object.entries(report.stages)
    .map(([s, ms]) => `${s} ${ms.toFixed(0)} ms`)
    .join(", ");
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `build done in ${(performance.now() - start).toFixed(0)} ms${stages ? ` (${stages})` : ""}; peak RSS ${peakMiB.toFixed(0)} MiB`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

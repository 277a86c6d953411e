// `npm run build [-- --force] [-- --no-docs]`: see scripts/build/pipeline.ts.
import { runBuild } from "./build/pipeline.js";

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !["--force", "--no-docs"].includes(a));
if (unknown.length) {
  console.error(`unknown option(s): ${unknown.join(" ")}; use --force and/or --no-docs`);
  process.exit(2);
}
process.env.REDOCLY_TELEMETRY = "off";
const start = performance.now();
try {
  const report = await runBuild({ force: args.has("--force"), docs: !args.has("--no-docs"), log: (l) => console.log(l) });
  if (report.docsBuilt.length) console.log(`generated/docs/: rendered ${report.docsBuilt.join(", ")}`);
  const stages = Object.entries(report.stages).map(([s, ms]) => `${s} ${ms.toFixed(0)} ms`).join(", ");
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`build done in ${(performance.now() - start).toFixed(0)} ms${stages ? ` (${stages})` : ""}; peak RSS ${peakMiB.toFixed(0)} MiB`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

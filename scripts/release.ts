// `npm run release -- <major|minor|patch> [--dry-run]`: see scripts/release/release.ts.
import { parseLevel, runRelease } from "./release/release.js";

process.env.REDOCLY_TELEMETRY = "off";
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const rest = args.filter((a) => a !== "--dry-run");
try {
  if (rest.length !== 1) parseLevel(rest.join(" ") || undefined);
  const result = await runRelease(parseLevel(rest[0]), { dryRun, log: (line) => console.log(line) });
  if ("tag" in result) console.log(`\nPush when ready: git push --follow-tags`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

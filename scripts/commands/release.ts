// `npm run release -- <major|minor|patch> [--dry-run]`: see scripts/release/release.ts.
import { parseLevel, runRelease } from "../release/release.js";
import { parseOrExit } from "../cli/command-line.js";

process.env.REDOCLY_TELEMETRY = "off";
const { options, positional } = parseOrExit({
  command: "npm run release",
  summary:
    "Bumps the versions from the changes since the last release, writes the CHANGELOG.md entry, rebuilds generated/, commits and creates the annotated tag v<version> (nothing is pushed). Needs a clean working tree.",
  positionals: { usage: "<major|minor|patch>", min: 1, max: 1, choices: ["major", "minor", "patch"], what: "level" },
  options: [{ name: "--dry-run", help: "print the CHANGELOG entry, change nothing" }],
});
const dryRun = options["--dry-run"] === true;
try {
  const result = await runRelease(parseLevel(positional[0]), { dryRun, log: (line) => console.log(line) });
  if ("tag" in result) console.log(`\nPush when ready: git push --follow-tags`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// `npm run format`: formats the code git tracks as Prettier does with .prettierrc.json (what
// `npm run lint` checks); generated/, YAML and prose are left as they are (.prettierignore).
import { parseOrExit } from "../cli/command-line.js";
import { checkFormatting } from "../lint/format-check.js";

const { options } = parseOrExit({
  command: "npm run format",
  summary:
    "Formats every TypeScript and JavaScript file git tracks as Prettier does (.prettierrc.json); --check only lists what would change (exit 1 if anything would).",
  options: [{ name: "--check", help: "change nothing; list the files that are not formatted" }],
});
const check = options["--check"] === true;
const changed = await checkFormatting(undefined, !check);
for (const f of changed) console.log(`${check ? "not formatted" : "formatted"}: ${f.file}`);
console.log(`${changed.length} file(s) ${check ? "not formatted" : "formatted"}.`);
if (check && changed.length > 0) process.exit(1);

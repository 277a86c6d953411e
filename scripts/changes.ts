// `npm run changes -- [<git-ref>] [--history]`: what changed in each API's bundle since <git-ref>
// (default: the last release tag v*, or the first commit with bundles), each change marked
// breaking or not; with --history, commit by commit.
import { collectChanges, formatChanges, formatHistory } from "./release/changes.js";
import { defaultBase, resolveRef } from "./release/release-git.js";

const history = process.argv.includes("--history");
const args = process.argv.slice(2).filter((a) => a !== "--history");
if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
  console.error("usage: npm run changes -- [<git-ref>] [--history]   (default ref: the last release tag v*, else the first commit with bundles)");
  process.exit(2);
}
try {
  const base = args[0] ? { ref: args[0], label: args[0] } : defaultBase();
  resolveRef(base.ref);
  console.log(history ? formatHistory(base.ref, base.label) : formatChanges(collectChanges(base.ref), base.label));
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

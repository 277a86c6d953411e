// `npm run changes -- [<git-ref>] [--all] [--history]`: what changed in each API's bundle since <git-ref>
// (default: the last release tag v*, or the first commit with bundles): a summary per API (version
// change, counts, the breaking changes); --all lists every change; --history, commit by commit.
import { collectChanges, formatChanges, formatHistory } from "../release/changes.js";
import { defaultBase, resolveGitRef } from "../release/release-git.js";
import { exitUsage, parseOrExit, type CommandSpec } from "../cli/command-line.js";

const spec: CommandSpec = {
  command: "npm run changes",
  summary:
    "What changed in each API's bundle since <git-ref> (default: the last release tag v*, else the first commit with bundles): per API the version change, counts and the breaking changes.",
  positionals: { usage: "[<git-ref>]", min: 0, max: 1 },
  options: [
    { name: "--all", help: "every change, grouped by operation (documentation-only ones included)" },
    { name: "--history", help: "the same, commit by commit since <git-ref>" },
  ],
};
const { options, positional: args } = parseOrExit(spec);
const history = options["--history"] === true;
// An empty ref is what `"$(git describe …)"` gives when there is no tag: refuse it rather than fall back.
if (args[0] === "")
  exitUsage(
    spec,
    "<git-ref> is empty (did a $(git describe …) find no tag?); leave it out to compare with the last release tag",
  );
try {
  const base = args[0] ? { ref: args[0], label: args[0] } : defaultBase();
  resolveGitRef(base.ref);
  console.log(
    history
      ? formatHistory(base.ref, base.label)
      : formatChanges(collectChanges(base.ref), base.label, { all: options["--all"] === true, baseRef: base.ref }),
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

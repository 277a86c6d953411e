// The git side of releases: which commit is "the last release", and files as they were there.
import { execFileSync } from "node:child_process";
import { ROOT } from "../registry/apis.js";
import { generatedPathspec } from "../registry/generated-paths.js";

export function git(args: string[], cwd = ROOT): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** The newest release tag (`v*`) reachable from HEAD, or undefined when there is none. */
export function lastReleaseTag(cwd = ROOT): string | undefined {
  try {
    return git(["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*"], cwd).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The first commit that has bundles: the base when nothing was released yet. */
export function firstBundleCommit(cwd = ROOT): string | undefined {
  const commits = git(["log", "--reverse", "--format=%H", "--", generatedPathspec("*", "openapi.json")], cwd)
    .split("\n")
    .filter(Boolean);
  return commits[0];
}

export interface BaseRef {
  ref: string;
  /** What to call it in output: the tag, or "first commit abc1234". */
  label: string;
}

export function defaultBase(cwd = ROOT): BaseRef {
  const tag = lastReleaseTag(cwd);
  if (tag) return { ref: tag, label: tag };
  const first = firstBundleCommit(cwd);
  if (!first)
    throw new Error("no release tag (v*) and no commit with generated/*/openapi.json: nothing to compare with");
  return { ref: first, label: `first commit with bundles ${first.slice(0, 7)} (no release tag yet)` };
}

/** The commit a git ref (tag, branch, commit) names; a clear error when it names none. */
export function resolveGitRef(ref: string, cwd = ROOT): string {
  try {
    return git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd).trim();
  } catch {
    throw new Error(`"${ref}" is not a commit, tag or branch of this repository`);
  }
}

/** A file's text at `ref`, or undefined when it does not exist there. */
export function readAtRef(ref: string, path: string, cwd = ROOT): string | undefined {
  try {
    return git(["show", `${ref}:${path}`], cwd);
  } catch {
    return undefined;
  }
}

/** Names of the APIs that had a bundle at `ref`. */
export function bundledApisAtRef(ref: string, cwd = ROOT): string[] {
  return git(["ls-tree", "--name-only", "-r", ref, "--", "generated"], cwd)
    .split("\n")
    .map((line) => /^generated\/([^/]+)\/openapi\.json$/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

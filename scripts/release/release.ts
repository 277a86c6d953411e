// `npm run release -- <major|minor|patch>`: from the changes since the last release, bump each
// changed API's info.version by its own largest change and the package by the requested level
// (refused when smaller than the largest change), rebuild generated/, write the CHANGELOG.md
// entry, commit, and create an annotated tag v<version>. Nothing is pushed.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { ROOT, loadApis } from "../registry/apis.js";
import { insertRelease, releaseSection, type ReleasedApi } from "./changelog.js";
import { collectChanges } from "./changes.js";
import { writeAtomic } from "../registry/files.js";
import { runBuild } from "../pipeline/build-generated.js";
import { defaultBase, git, lastReleaseTag, readAtRef, type BaseRef } from "./release-git.js";
import {
  bumpVersion,
  compareVersions,
  effectiveLevel,
  gateProblems,
  maxLevel,
  parseSemver,
  requiredLevel,
  type Level,
} from "./versioning.js";

const LEVELS: Level[] = ["patch", "minor", "major"];

export function parseLevel(arg: string | undefined): Level {
  if (arg === "major" || arg === "minor" || arg === "patch") return arg;
  throw new Error(
    `usage: npm run release -- <major|minor|patch> [--dry-run]  (got ${arg === undefined ? "nothing" : `"${arg}"`})`,
  );
}

export interface ReleasePlan {
  base: BaseRef;
  packageFrom: string;
  packageTo: string;
  apis: ReleasedApi[];
}

/** Decides every version; throws (changing nothing) when the request does not fit the changes. */
export function planRelease(level: Level): ReleasePlan {
  const base = defaultBase();
  const firstRelease = lastReleaseTag() === undefined;
  const packageFrom = readPackage().version;
  const apis: ReleasedApi[] = collectChanges(base.ref).map((entry) => {
    const head = entry.headVersion;
    const needed = requiredLevel(entry.changes);
    if (!needed || head === undefined) return { ...entry, newVersion: head };
    if (!parseSemver(head)) throw new Error(`${entry.api}: info.version "${head}" is not semver (MAJOR.MINOR.PATCH)`);
    // The first release publishes the versions as they stand: there is no released one to bump.
    if (firstRelease) return { ...entry, newVersion: head };
    const base = entry.baseVersion;
    if (head === base) return { ...entry, newVersion: bumpVersion(head, effectiveLevel(head, needed)) };
    // info.version was set by hand since the last release: keep it if it is big enough.
    const least = parseSemver(base) ? bumpVersion(base!, effectiveLevel(base!, needed)) : head;
    if (compareVersions(head, least) < 0) {
      throw new Error(
        `${entry.api}: info.version was set to ${head} by hand, but its ${needed} changes since ${base} need at least ${least}`,
      );
    }
    return { ...entry, newVersion: head };
  });
  const needed = maxLevel(apis.map((a) => requiredLevel(a.changes)));
  if (!needed) throw new Error(`nothing changed in any bundle since ${base.label}: nothing to release`);
  const least = effectiveLevel(packageFrom, needed);
  if (LEVELS.indexOf(level) < LEVELS.indexOf(least)) {
    const why = apis
      .filter((a) => requiredLevel(a.changes) === needed)
      .map((a) => a.api)
      .join(", ");
    throw new Error(
      `a ${level} release is too small: ${why} changed at the ${needed} level since ${base.label}; use \`npm run release -- ${least}\` (or larger)`,
    );
  }
  return { base, packageFrom, packageTo: bumpVersion(packageFrom, level), apis };
}

export interface ReleaseResult {
  tag: string;
  commit: string;
  section: string;
}

export async function runRelease(
  level: Level,
  options: { dryRun?: boolean; log?: (line: string) => void } = {},
): Promise<ReleaseResult | ReleasePlan> {
  const log = options.log ?? (() => {});
  // A dry run writes nothing: it shows the entry for the bundles as they are.
  if (!options.dryRun) {
    if (git(["status", "--porcelain"]).trim()) {
      throw new Error(
        "the working tree has uncommitted changes: commit or stash them first (a release commits exactly what it releases)",
      );
    }
    const stale = await runBuild();
    if (stale.written.length) {
      throw new Error(
        `generated/ was out of date with specs/ (rewrote ${stale.written.join(", ")}): review and commit it, then release`,
      );
    }
  }
  const plan = planRelease(level);
  const tag = `v${plan.packageTo}`;
  if (git(["tag", "--list", tag]).trim()) throw new Error(`tag ${tag} already exists`);
  const date = new Date().toISOString().slice(0, 10);
  const changelogPath = join(ROOT, "CHANGELOG.md");
  let section = "";
  const changelog = insertRelease(
    existsSync(changelogPath) ? readFileSync(changelogPath, "utf8") : undefined,
    (notes) => {
      section = releaseSection(plan.packageTo, date, plan.base.label, plan.apis, notes);
      return section;
    },
  );
  if (options.dryRun) {
    log(section);
    return plan;
  }

  const apis = loadApis();
  for (const entry of plan.apis) {
    const api = apis.find((a) => a.name === entry.api);
    if (api && entry.newVersion && entry.newVersion !== entry.headVersion)
      setInfoVersion(api.root, entry.newVersion, api.apiVersion);
  }
  setPackageVersion(plan.packageTo);
  await runBuild();
  writeAtomic(changelogPath, changelog);

  // The gate on what is about to be committed (the bump changes only info.version, a docs change).
  const released = plan.apis.map((a) => ({ ...a, headVersion: a.newVersion }));
  const problems = gateProblems(released, { base: packageVersionAt(plan.base.ref), head: plan.packageTo });
  if (problems.length)
    throw new Error(
      `the release would fail the gate (nothing committed; git checkout . to undo):\n${problems.join("\n")}`,
    );

  const summary = plan.apis
    .filter((a) => a.newVersion !== a.headVersion)
    .map((a) => `${a.api} ${a.headVersion} → ${a.newVersion}`);
  git(["add", "-A", "--", "CHANGELOG.md", "package.json", "package-lock.json", "specs", "generated"]);
  git([
    "commit",
    "--quiet",
    "-m",
    `Release ${tag}`,
    "-m",
    `Package ${plan.packageFrom} → ${plan.packageTo}.${summary.length ? ` Descriptions: ${summary.join(", ")}.` : ""}`,
  ]);
  git(["tag", "--annotate", tag, "--cleanup=verbatim", "-m", `Release ${tag}\n\n${section}`]);
  const commit = git(["rev-parse", "HEAD"]).trim();
  log(`released ${tag} (commit ${commit.slice(0, 7)}); nothing was pushed`);
  return { tag, commit, section };
}

function readPackage(): { version: string } {
  return JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
}

function packageVersionAt(ref: string): string | undefined {
  const text = readAtRef(ref, "package.json");
  return text ? (JSON.parse(text) as { version: string }).version : undefined;
}

/** Rewrites only the `version:` line of the root document's `info` (the rest stays byte for byte). */
export function setInfoVersion(rootFile: string, version: string, apiVersion?: string): void {
  const lines = readFileSync(rootFile, "utf8").split("\n");
  const source = parse(lines.join("\n")) as { "x-api-version-history"?: { source?: unknown } };
  const sourceVersion = source["x-api-version-history"]?.source;
  // A version derived from a shared source (scripts/generate/api-versions.ts) keeps its info.version
  // in `info.x-api-version-overrides.<version>.version`; the source's own is `info.version`.
  if (apiVersion && sourceVersion !== undefined && apiVersion !== sourceVersion) {
    setOverrideVersion(rootFile, lines, apiVersion, version);
    return;
  }
  const info = lines.indexOf("info:");
  let done = false;
  for (let i = info + 1; info >= 0 && i < lines.length && /^(\s|$)/.test(lines[i]!); i++) {
    const m = /^(\s+)version:\s/.exec(lines[i]!);
    if (m && m[1] === /^(\s+)/.exec(lines[info + 1]!)?.[1]) {
      lines[i] = `${m[1]}version: "${version}"`;
      done = true;
      break;
    }
  }
  const text = lines.join("\n");
  if (!done || (parse(text) as { info?: { version?: unknown } }).info?.version !== version) {
    throw new Error(
      `${relative(ROOT, rootFile)}: could not set info.version (expected a \`version:\` line directly under \`info:\`)`,
    );
  }
  writeAtomic(rootFile, text);
}

/** Sets `version:` in `info: → x-api-version-overrides: → <apiVersion>:` (indented blocks). */
function setOverrideVersion(rootFile: string, lines: string[], apiVersion: string, version: string): void {
  const info = lines.indexOf("info:");
  const block = (from: number, key: string): number => {
    const indent = /^(\s*)/.exec(lines[from]!)![1]!.length;
    for (
      let i = from + 1;
      i < lines.length && (lines[i] === "" || /^(\s*)/.exec(lines[i]!)![1]!.length > indent);
      i++
    ) {
      if (lines[i]!.trim() === `${key}:` && /^(\s*)/.exec(lines[i]!)![1]!.length === indent + 2) return i;
    }
    return -1;
  };
  const overrides = info >= 0 ? block(info, "x-api-version-overrides") : -1;
  const mine = overrides >= 0 ? block(overrides, apiVersion) : -1;
  const want = mine >= 0 ? " ".repeat(/^(\s*)/.exec(lines[mine]!)![1]!.length + 2) : "";
  let done = false;
  for (let i = mine + 1; mine >= 0 && i < lines.length && (lines[i] === "" || lines[i]!.startsWith(want)); i++) {
    if (lines[i]!.startsWith(`${want}version:`)) {
      lines[i] = `${want}version: "${version}"`;
      done = true;
      break;
    }
  }
  const text = lines.join("\n");
  const parsed = parse(text) as { info?: { "x-api-version-overrides"?: Record<string, { version?: unknown }> } };
  if (!done || parsed.info?.["x-api-version-overrides"]?.[apiVersion]?.version !== version) {
    throw new Error(
      `${relative(ROOT, rootFile)}: could not set ${apiVersion}'s info.version (expected \`version:\` under info.x-api-version-overrides.${apiVersion})`,
    );
  }
  writeAtomic(rootFile, text);
}

function setPackageVersion(version: string): void {
  for (const file of ["package.json", "package-lock.json"]) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue;
    const json = JSON.parse(readFileSync(path, "utf8"));
    json.version = version;
    if (json.packages?.[""]) json.packages[""].version = version;
    writeAtomic(path, `${JSON.stringify(json, null, 2)}\n`);
  }
}

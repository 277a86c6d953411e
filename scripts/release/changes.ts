// Per API, the changes between the bundles at a git ref and the bundles in the working tree,
// and how to print them (`npm run changes`, the release gate and the changelog use this).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, loadApis } from "../registry/apis.js";
import { compareBundles, type Change, type Severity } from "./api-diff.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { listOperations } from "../openapi/openapi.js";
import { generatedPathspec } from "../registry/generated-paths.js";
import { bundledApisAtRef, git, readAtRef } from "./release-git.js";
import { compareVersions, parseSemver } from "./versioning.js";

export interface ApiChanges {
  api: string;
  title: string;
  /** info.version at the ref and now (undefined where the bundle does not exist). */
  baseVersion?: string;
  headVersion?: string;
  changes: Change[];
}

/**
 * Compares every registered API (and any API that had a bundle at `ref`) at `ref` with the
 * working tree, or with the commit `headRef`.
 */
export function collectChanges(ref: string, root = ROOT, headRef?: string): ApiChanges[] {
  const registry = loadApis(join(root, "redocly.yaml")).map((a) => a.name);
  const atHead = headRef ? bundledApisAtRef(headRef, root) : registry;
  const names = [
    ...new Set([...registry.filter((n) => atHead.includes(n)), ...atHead, ...bundledApisAtRef(ref, root)]),
  ];
  return names.map((api) => {
    const file = generatedPathspec(api, "openapi.json");
    const baseText = readAtRef(ref, file, root);
    const headPath = join(root, file);
    const headText = headRef
      ? readAtRef(headRef, file, root)
      : existsSync(headPath)
        ? readFileSync(headPath, "utf8")
        : undefined;
    const base = baseText === undefined ? undefined : (JSON.parse(baseText) as OpenApiDocument);
    const head = headText === undefined ? undefined : (JSON.parse(headText) as OpenApiDocument);
    const title = String((head ?? base)?.info?.title ?? api);
    const entry: ApiChanges = {
      api,
      title,
      baseVersion: base?.info?.version,
      headVersion: head?.info?.version,
      changes: [],
    };
    if (!base)
      entry.changes = [
        {
          operation: "document",
          text: `new API (${head ? listOperations(head).length : 0} operations)`,
          severity: "non-breaking",
        },
      ];
    else if (!head)
      entry.changes = [{ operation: "document", text: "API removed from the package", severity: "breaking" }];
    else if (baseText !== headText) entry.changes = compareBundles(base, head);
    return entry;
  });
}

export function countBySeverity(changes: Change[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, "non-breaking": 0, deprecation: 0, docs: 0, unclassified: 0 };
  for (const c of changes) counts[c.severity]++;
  return counts;
}

const LABEL: Record<Severity, string> = {
  breaking: "BREAKING",
  "non-breaking": "compatible",
  deprecation: "deprecated",
  docs: "docs only",
  unclassified: "check by hand",
};

/**
 * The human-readable report. By default a summary per API: its version change (a version that went
 * down is called out, with the commit that did it), the counts per kind, and every breaking change;
 * with `all`, every change grouped by operation.
 */
export function formatChanges(
  all: ApiChanges[],
  baseLabel: string,
  options: { all?: boolean; baseRef?: string; root?: string } = {},
): string {
  const head = `Changes since ${baseLabel} (working tree's ${generatedPathspec("*", "openapi.json")}):`;
  if (options.all) return [head, "", ...formatApis(all)].join("\n");
  const lines = [head, ""];
  const hidden = countBySeverity([]);
  for (const entry of all) {
    const counts = countBySeverity(entry.changes);
    lines.push(
      `${entry.api}: ${entry.title} ${versionText(entry)}: ${entry.changes.length ? countText(counts) : "no changes"}`,
    );
    const down = options.baseRef ? versionRegression(entry, options.baseRef, options.root) : undefined;
    if (down) lines.push(`  ! info.version went down (${entry.baseVersion} → ${entry.headVersion}): ${down}`);
    const breaking = entry.changes.filter((c) => c.severity === "breaking" || c.severity === "unclassified");
    for (const c of breaking)
      lines.push(`  [${LABEL[c.severity]}] ${c.operation === "document" ? "" : `${c.operation}: `}${c.text}`);
    for (const c of entry.changes) if (!breaking.includes(c)) hidden[c.severity]++;
  }
  const notListed = countText(hidden);
  lines.push(
    "",
    notListed
      ? `Not listed (${notListed}): npm run changes -- --all lists every change.`
      : "Every change is listed above.",
  );
  return lines.join("\n");
}

const shortRef = (ref: string) => (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref);

function released(ref: string, root: string): boolean {
  try {
    git(["rev-parse", "--verify", "--quiet", `refs/tags/${ref}`], root);
    return true;
  } catch {
    return false;
  }
}

function versionText(entry: ApiChanges): string {
  return `(info.version ${entry.baseVersion === entry.headVersion ? entry.headVersion : `${entry.baseVersion ?? "none"} → ${entry.headVersion ?? "none"}`})`;
}

function countText(counts: Record<Severity, number>): string {
  return (Object.keys(counts) as Severity[])
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${LABEL[s].toLowerCase()}`)
    .join(", ");
}

/**
 * Why info.version is lower now than at `ref`, when it is: the commit after `ref` where the bundle's
 * version went down (its subject says why), and where the vendor's version went if it moved to
 * info.x-upstream-version. Undefined when the version did not go down.
 */
export function versionRegression(entry: ApiChanges, ref: string, root = ROOT): string | undefined {
  if (
    !parseSemver(entry.baseVersion) ||
    !parseSemver(entry.headVersion) ||
    compareVersions(entry.headVersion!, entry.baseVersion!) >= 0
  )
    return undefined;
  const file = generatedPathspec(entry.api, "openapi.json");
  const versionAt = (commit: string) => {
    const text = readAtRef(commit, file, root);
    const info = text === undefined ? undefined : (JSON.parse(text) as OpenApiDocument).info;
    return { version: String(info?.version ?? ""), upstream: info?.["x-upstream-version"] };
  };
  const commits = git(["log", "--reverse", "--format=%H%x09%h%x09%s", `${ref}..HEAD`, "--", file], root)
    .split("\n")
    .filter(Boolean);
  let previous = versionAt(ref).version;
  for (const line of commits) {
    const [hash, short, subject] = line.split("\t") as [string, string, string];
    const now = versionAt(hash);
    if (parseSemver(previous) && parseSemver(now.version) && compareVersions(now.version, previous) < 0) {
      const upstream =
        now.upstream !== undefined
          ? ` (the vendor's version is now info.x-upstream-version: ${JSON.stringify(now.upstream)})`
          : "";
      return `lowered in ${short} "${subject}"${upstream}; ${released(ref, root) ? `${shortRef(ref)} is a release: its users saw ${entry.baseVersion}, and version ordering now misleads them` : `${shortRef(ref)} is not a release tag, so no released version went down`}`;
    }
    previous = now.version;
  }
  return "lowered in the working tree (not committed yet); check specs/" + entry.api + "/openapi.yaml's info.version";
}

/** `--history`: the same report for each commit after `ref` that changed a bundle, oldest first. */
export function formatHistory(ref: string, baseLabel: string, root = ROOT): string {
  const commits = git(
    ["log", "--reverse", "--format=%H %h %as %s", `${ref}..HEAD`, "--", generatedPathspec("*", "openapi.json")],
    root,
  )
    .split("\n")
    .filter(Boolean);
  const lines = [`History of the bundles since ${baseLabel}: ${commits.length} commit(s) changed them.`, ""];
  let previous = ref;
  for (const commit of commits) {
    const [hash, short, date, ...subject] = commit.split(" ");
    lines.push(`=== ${short} ${date} ${subject.join(" ")}`, "");
    lines.push(...formatApis(collectChanges(previous, root, hash).filter((a) => a.changes.length)));
    previous = hash!;
  }
  const pending = collectChanges(previous, root).filter((a) => a.changes.length);
  if (pending.length) lines.push("=== not committed yet (working tree)", "", ...formatApis(pending));
  return lines.join("\n");
}

function formatApis(all: ApiChanges[]): string[] {
  const lines: string[] = [];
  for (const entry of all) {
    const versions = versionText(entry);
    if (!entry.changes.length) {
      lines.push(`${entry.api}: ${entry.title} ${versions}: no changes`, "");
      continue;
    }
    lines.push(`${entry.api}: ${entry.title} ${versions}: ${countText(countBySeverity(entry.changes))}`);
    const byOperation = new Map<string, Change[]>();
    for (const c of entry.changes) byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
    for (const [operation, changes] of byOperation) {
      lines.push(`  ${operation}`);
      for (const c of changes) {
        lines.push(`    ${`[${LABEL[c.severity]}]`.padEnd(16)}${c.text}`);
        if (c.note) lines.push(`    ${"".padEnd(16)}why: ${c.note}`);
      }
    }
    lines.push("");
  }
  return lines;
}

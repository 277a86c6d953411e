// Per API, the changes between the bundles at a git ref and the bundles in the working tree,
// and how to print them (`npm run changes`, the release gate and the changelog use this).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, loadApis } from "../registry/apis.js";
import { compareBundles, type Change, type Severity } from "./api-diff.js";
import { generatedPathspec } from "../registry/generated-paths.js";
import { bundledApisAtRef, git, readAtRef } from "./release-git.js";

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
  const names = [...new Set([...registry.filter((n) => atHead.includes(n)), ...atHead, ...bundledApisAtRef(ref, root)])];
  return names.map((api) => {
    const file = generatedPathspec(api, "openapi.json");
    const baseText = readAtRef(ref, file, root);
    const headPath = join(root, file);
    const headText = headRef ? readAtRef(headRef, file, root) : existsSync(headPath) ? readFileSync(headPath, "utf8") : undefined;
    const base = baseText === undefined ? undefined : JSON.parse(baseText);
    const head = headText === undefined ? undefined : JSON.parse(headText);
    const title = String((head ?? base)?.info?.title ?? api);
    const entry: ApiChanges = { api, title, baseVersion: base?.info?.version, headVersion: head?.info?.version, changes: [] };
    if (!base) entry.changes = [{ operation: "document", text: `new API (${countOperations(head)} operations)`, severity: "non-breaking" }];
    else if (!head) entry.changes = [{ operation: "document", text: "API removed from the package", severity: "breaking" }];
    else if (baseText !== headText) entry.changes = compareBundles(base, head);
    return entry;
  });
}

function countOperations(doc: any): number {
  return Object.values(doc?.paths ?? {}).reduce<number>((n, item: any) => n + Object.keys(item ?? {}).filter((k) => ["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(k)).length, 0);
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

/** The human-readable report: per API a summary line, then the changes grouped by operation. */
export function formatChanges(all: ApiChanges[], baseLabel: string): string {
  return [`Changes since ${baseLabel} (working tree's ${generatedPathspec("*", "openapi.json")}):`, "", ...formatApis(all)].join("\n");
}

/** `--history`: the same report for each commit after `ref` that changed a bundle, oldest first. */
export function formatHistory(ref: string, baseLabel: string, root = ROOT): string {
  const commits = git(["log", "--reverse", "--format=%H %h %as %s", `${ref}..HEAD`, "--", generatedPathspec("*", "openapi.json")], root).split("\n").filter(Boolean);
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
    const versions = `(info.version ${entry.baseVersion === entry.headVersion ? entry.headVersion : `${entry.baseVersion ?? "none"} → ${entry.headVersion ?? "none"}`})`;
    if (!entry.changes.length) {
      lines.push(`${entry.api}: ${entry.title} ${versions}: no changes`, "");
      continue;
    }
    const counts = countBySeverity(entry.changes);
    const summary = (Object.keys(counts) as Severity[]).filter((s) => counts[s]).map((s) => `${counts[s]} ${LABEL[s].toLowerCase()}`).join(", ");
    lines.push(`${entry.api}: ${entry.title} ${versions}: ${summary}`);
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

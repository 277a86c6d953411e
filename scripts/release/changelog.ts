// CHANGELOG.md in the Keep a Changelog style: release sections are written from the diff, and
// whatever people noted under `## [Unreleased]` moves into the release it belongs to.
import type { Change } from "./api-diff.js";
import type { ApiChanges } from "./changes.js";

export const CHANGELOG_HEADER = `# Changelog

All notable changes to this project are documented here. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); the package and each API description
(\`info.version\`) follow [Semantic Versioning](https://semver.org/spec/v2.0.0.html).
Sections below the notes are written by \`npm run release\` from \`npm run changes\`.

## [Unreleased]
`;

export interface ReleasedApi extends ApiChanges {
  /** info.version after the release (the same as headVersion when unchanged). */
  newVersion?: string;
}

function sectionOf(change: Change): string {
  if (change.severity === "deprecation") return "Deprecated";
  if (/ added( |:|$)/.test(change.text) && !/ removed/.test(change.text)) return "Added";
  if (/ removed( |:|$)/.test(change.text)) return "Removed";
  return "Changed";
}

/** Changes a changelog reader cares about: the version bump itself is said in the heading. */
function listed(change: Change): boolean {
  return !(change.operation === "document" && /^info\.version /.test(change.text));
}

/** Keep a Changelog's kinds of change, in its order; other headings people write follow them. */
const KINDS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];

/**
 * The `## [version] - date` section for one release: the hand-written notes from Unreleased
 * (free text, then `### Kind` lists) merged with the bullets written from the diff.
 */
export function releaseSection(
  version: string,
  date: string,
  baseLabel: string,
  apis: ReleasedApi[],
  notes: string,
): string {
  const { intro, kinds } = parseNotes(notes);
  const add = (kind: string, bullet: string) => kinds.set(kind, [...(kinds.get(kind) ?? []), bullet]);
  const versions = apis.map((a) => {
    const from = a.headVersion ?? "none";
    const to = a.newVersion ?? from;
    return `${a.title} ${from === to ? to : `${from} → ${to}`}`;
  });
  for (const api of apis) {
    // A few documentation changes are listed; many are counted.
    const docs = api.changes.filter((c) => c.severity === "docs" && listed(c));
    const itemised =
      docs.length <= 3 ? api.changes.filter(listed) : api.changes.filter((c) => c.severity !== "docs" && listed(c));
    for (const c of itemised) {
      const op = /^(.*?)(?: \((\w+)\))?$/.exec(c.operation)!;
      const where = c.operation === "document" ? "" : `, \`${op[1]}\`${op[2] ? ` (${op[2]})` : ""}`;
      add(
        sectionOf(c),
        `- ${c.severity === "breaking" || c.severity === "unclassified" ? "**Breaking.** " : ""}${api.title}${where}: ${c.text}.${c.note ? ` (${c.note}.)` : ""}`,
      );
    }
    if (docs.length > 3)
      add("Changed", `- ${api.title}: documentation only (${docs.length} description, example or metadata changes).`);
  }
  const lines = [
    `## [${version}] - ${date}`,
    "",
    `Compared with ${baseLabel}. Descriptions: ${versions.join("; ")}.`,
    "",
  ];
  if (intro) lines.push(intro, "");
  const order = [...KINDS, ...[...kinds.keys()].filter((k) => !KINDS.includes(k))];
  for (const kind of order) {
    const body = kinds.get(kind);
    if (body?.length) lines.push(`### ${kind}`, "", ...body, "");
  }
  return lines.join("\n");
}

/** Unreleased notes: the text before the first `### Kind`, then each kind's lines. */
function parseNotes(notes: string): { intro: string; kinds: Map<string, string[]> } {
  const kinds = new Map<string, string[]>();
  const intro: string[] = [];
  let current: string[] = intro;
  for (const line of notes.split("\n")) {
    const heading = /^### (.+?)\s*$/.exec(line);
    if (heading) {
      current = kinds.get(heading[1]!) ?? [];
      kinds.set(heading[1]!, current);
    } else current.push(line);
  }
  const trim = (lines: string[]) => lines.join("\n").trim();
  for (const [kind, lines] of kinds) kinds.set(kind, trim(lines) ? [trim(lines)] : []);
  return { intro: trim(intro), kinds };
}

/**
 * The changelog with a release section inserted below `## [Unreleased]`, which is left empty:
 * `makeSection` gets the notes that were under Unreleased (they belong to this release).
 */
export function insertRelease(changelog: string | undefined, makeSection: (notes: string) => string): string {
  const text = changelog ?? CHANGELOG_HEADER;
  const heading = /^## \[Unreleased\][^\n]*\n/m.exec(text);
  if (!heading)
    throw new Error("CHANGELOG.md has no `## [Unreleased]` section (Keep a Changelog); add one above the releases");
  const start = heading.index + heading[0].length;
  const next = text.slice(start).search(/^## /m);
  const end = next === -1 ? text.length : start + next;
  const section = makeSection(text.slice(start, end));
  const rest = text.slice(end);
  return `${text.slice(0, start)}\n${section}${rest ? `\n${rest}` : ""}`.replace(/\n{3,}/g, "\n\n");
}

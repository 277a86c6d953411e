// Semver for the package and for each description's info.version, and the release gate: a
// breaking change needs a version that says so.
import type { Change } from "./api-diff.js";
import type { ApiChanges } from "./changes.js";

export type Level = "major" | "minor" | "patch";
const ORDER: Level[] = ["patch", "minor", "major"];

interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(version: unknown): Semver | undefined {
  const m = typeof version === "string" ? /^(\d+)\.(\d+)\.(\d+)$/.exec(version) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export function bumpVersion(version: string, level: Level): string {
  const v = parseSemver(version);
  if (!v) throw new Error(`"${version}" is not a semver version (MAJOR.MINOR.PATCH)`);
  if (level === "major") return `${v.major + 1}.0.0`;
  if (level === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

export function compareVersions(a: string, b: string): number {
  const x = parseSemver(a)!;
  const y = parseSemver(b)!;
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/**
 * True when going from `base` to `head` tells consumers to expect breaking changes: a higher
 * major, or, below 1.0.0, a higher minor (what npm's `^0.x` ranges treat as incompatible).
 */
export function marksBreaking(base: string | undefined, head: string | undefined): boolean {
  const b = parseSemver(base);
  const h = parseSemver(head);
  if (!b || !h) return false;
  if (h.major !== b.major) return h.major > b.major;
  return b.major === 0 && h.minor > b.minor;
}

/** The smallest semver step that describes these changes, or undefined when there are none. */
export function requiredLevel(changes: Change[]): Level | undefined {
  // "unclassified" means the library could not tell: the gate treats it as breaking.
  if (changes.some((c) => c.severity === "breaking" || c.severity === "unclassified")) return "major";
  if (changes.some((c) => c.severity === "non-breaking" || c.severity === "deprecation")) return "minor";
  return changes.length ? "patch" : undefined;
}

export function maxLevel(levels: (Level | undefined)[]): Level | undefined {
  return levels.reduce<Level | undefined>(
    (max, l) => (l && (!max || ORDER.indexOf(l) > ORDER.indexOf(max)) ? l : max),
    undefined,
  );
}

/**
 * The level to bump for `level`-sized changes of a version now at `version`: below 1.0.0 a
 * breaking change moves the minor (0.1.0 → 0.2.0), as `marksBreaking` reads it.
 */
export function effectiveLevel(version: string, level: Level): Level {
  return level === "major" && parseSemver(version)?.major === 0 ? "minor" : level;
}

export interface PackageVersions {
  base?: string;
  head: string;
}

/** One line per API whose breaking changes are not announced by a version; empty when all is well. */
export function gateProblems(apis: ApiChanges[], pkg: PackageVersions): string[] {
  const problems: string[] = [];
  for (const entry of apis) {
    const breaking = entry.changes.filter((c) => c.severity === "breaking" || c.severity === "unclassified");
    if (!breaking.length) continue;
    if (marksBreaking(pkg.base, pkg.head) || marksBreaking(entry.baseVersion, entry.headVersion)) continue;
    const first = breaking
      .slice(0, 3)
      .map((c) => `${c.operation}: ${c.text}`)
      .join("; ");
    problems.push(
      `${entry.api}: ${breaking.length} breaking change(s) (${first}${breaking.length > 3 ? "; ..." : ""}) but neither the package ` +
        `version (${pkg.base ?? "none"} → ${pkg.head}) nor info.version (${entry.baseVersion ?? "none"} → ${entry.headVersion ?? "none"}) ` +
        `makes a breaking bump (major; minor below 1.0.0): release with \`npm run release -- major\``,
    );
  }
  return problems;
}

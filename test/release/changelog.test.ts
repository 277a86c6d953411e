// CHANGELOG.md entries written at release time: notes under Unreleased join the generated lists.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANGELOG_HEADER, insertRelease, releaseSection, type ReleasedApi } from "../../scripts/release/changelog.js";
import { formatChanges, versionRegression } from "../../scripts/release/changes.js";

const existing = `# Changelog

Intro.

## [Unreleased]

A sentence about the release.

### Added

- Portability tests (by hand).

### Fixed

- The package test no longer needs the npm cache.

## [0.1.0]

### Added

- Five APIs.
`;

const healthchecks: ReleasedApi = {
  api: "healthchecks",
  title: "Healthchecks REST API",
  headVersion: "1.0.0",
  newVersion: "2.0.0",
  changes: [
    { operation: "document", text: 'info.version changed: "1.0.0" → "2.0.0"', severity: "docs" },
    { operation: "GET /api/v1/channels/ (listChannels)", text: "operation removed", severity: "breaking" },
    { operation: "GET /api/v1/status/ (getStatus)", text: "operation added", severity: "non-breaking" },
    {
      operation: "GET /api/v1/checks/ (listChecks)",
      text: 'response 200 (application/json): value "x" added to the allowed values of field `checks[].status`',
      severity: "non-breaking",
      note: "enums in responses are open",
    },
  ],
};
const lightrun: ReleasedApi = {
  api: "lightrun",
  title: "Lightrun REST API",
  headVersion: "1.0.0",
  newVersion: "1.0.0",
  changes: [],
};

describe("CHANGELOG.md at release time", () => {
  it("moves the Unreleased notes into the release and merges them with the diff, kind by kind", () => {
    const text = insertRelease(existing, (notes) =>
      releaseSection("0.2.0", "2026-11-30", "v0.1.0", [lightrun, healthchecks], notes),
    );
    expect(text).toBe(`# Changelog

Intro.

## [Unreleased]

## [0.2.0] - 2026-11-30

Compared with v0.1.0. Descriptions: Lightrun REST API 1.0.0; Healthchecks REST API 1.0.0 → 2.0.0.

A sentence about the release.

### Added

- Portability tests (by hand).
- Healthchecks REST API, \`GET /api/v1/status/\` (getStatus): operation added.
- Healthchecks REST API, \`GET /api/v1/checks/\` (listChecks): response 200 (application/json): value "x" added to the allowed values of field \`checks[].status\`. (enums in responses are open.)

### Removed

- **Breaking.** Healthchecks REST API, \`GET /api/v1/channels/\` (listChannels): operation removed.

### Fixed

- The package test no longer needs the npm cache.

## [0.1.0]

### Added

- Five APIs.
`);
  });

  it("starts a changelog when there is none, and refuses one without an Unreleased section", () => {
    const text = insertRelease(undefined, () => "## [0.1.1] - 2026-11-30\n\nCompared with x.\n");
    expect(text.startsWith(CHANGELOG_HEADER)).toBe(true);
    expect(text.endsWith("## [Unreleased]\n\n## [0.1.1] - 2026-11-30\n\nCompared with x.\n")).toBe(true);
    expect(() => insertRelease("# Changelog\n\n## [0.1.0]\n", () => "")).toThrow("no `## [Unreleased]` section");
  });
});

describe("npm run changes", () => {
  const docsOnly = Array.from({ length: 40 }, (_, i) => ({
    operation: "GET /x (getX)",
    text: `description changed ${i}`,
    severity: "docs" as const,
  }));

  it("summarises by default: version change, counts and the breaking list; --all lists everything", () => {
    const apis = [
      { ...healthchecks, baseVersion: "1.0.0", headVersion: "2.0.0", changes: [...healthchecks.changes, ...docsOnly] },
      { ...lightrun, baseVersion: "1.0.0" },
    ];
    const summary = formatChanges(apis, "v0.1.0");
    expect(summary).toBe(`Changes since v0.1.0 (working tree's generated/*/openapi.json):

healthchecks: Healthchecks REST API (info.version 1.0.0 → 2.0.0): 1 breaking, 2 compatible, 41 docs only
  [BREAKING] GET /api/v1/channels/ (listChannels): operation removed
lightrun: Lightrun REST API (info.version 1.0.0): no changes

Not listed (2 compatible, 41 docs only): npm run changes -- --all lists every change.`);
    const all = formatChanges(apis, "v0.1.0", { all: true });
    expect(all.split("\n").length).toBeGreaterThan(44);
    expect(all).toContain("[docs only]     description changed 39");
  });

  it("calls out a version that went down, with the commit that lowered it", () => {
    const repo = mkdtempSync(join(tmpdir(), "changes-regression-"));
    try {
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
          cwd: repo,
          encoding: "utf8",
        });
      const commit = (info: Record<string, string>, message: string) => {
        mkdirSync(join(repo, "generated/runcloud"), { recursive: true });
        writeFileSync(
          join(repo, "generated/runcloud/openapi.json"),
          JSON.stringify({ openapi: "3.1.0", info: { title: "RunCloud", ...info }, paths: {} }),
        );
        git("add", "-A");
        git("commit", "-qm", message);
        return git("rev-parse", "HEAD").trim();
      };
      git("init", "-q");
      const first = commit({ version: "2.0.0" }, "first bundles");
      commit({ version: "2.0.0", description: "x" }, "a description");
      const lowered = commit(
        { version: "1.0.0", "x-upstream-version": "v2" },
        "info.version is the description's own semver",
      );
      const entry = { api: "runcloud", title: "RunCloud", baseVersion: "2.0.0", headVersion: "1.0.0", changes: [] };
      expect(versionRegression(entry, first, repo)).toBe(
        `lowered in ${lowered.slice(0, 7)} "info.version is the description's own semver" (the vendor's version is now info.x-upstream-version: "v2"); ${first.slice(0, 7)} is not a release tag, so no released version went down`,
      );
      git("tag", "v0.1.0", first);
      expect(versionRegression(entry, "v0.1.0", repo)).toContain("v0.1.0 is a release: its users saw 2.0.0");
      expect(versionRegression({ ...entry, headVersion: "2.1.0" }, first, repo)).toBeUndefined();
      expect(formatChanges([entry], "v0.1.0", { baseRef: "v0.1.0", root: repo })).toContain(
        "  ! info.version went down (2.0.0 → 1.0.0): lowered in",
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

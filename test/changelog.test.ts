// CHANGELOG.md entries written at release time: notes under Unreleased join the generated lists.
import { describe, expect, it } from "vitest";
import { CHANGELOG_HEADER, insertRelease, releaseSection, type ReleasedApi } from "../scripts/release/changelog.js";

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
    { operation: "GET /api/v1/checks/ (listChecks)", text: 'response 200 (application/json): value "x" added to the allowed values of field `checks[].status`', severity: "non-breaking", note: "enums in responses are open" },
  ],
};
const lightrun: ReleasedApi = { api: "lightrun", title: "Lightrun REST API", headVersion: "1.0.0", newVersion: "1.0.0", changes: [] };

describe("CHANGELOG.md at release time", () => {
  it("moves the Unreleased notes into the release and merges them with the diff, kind by kind", () => {
    const text = insertRelease(existing, (notes) => releaseSection("0.2.0", "2026-11-30", "v0.1.0", [lightrun, healthchecks], notes));
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

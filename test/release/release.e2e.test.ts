// `npm run release` in a throw-away clone of this repository (the real one is never tagged):
// a first release, then a breaking change that a patch release refuses and a minor (0.x) release
// publishes with Healthchecks' info.version one major up, its CHANGELOG entry and an annotated tag.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/registry/apis.js";
import { collectChanges, formatChanges, formatHistory } from "../../scripts/release/changes.js";
import { bundlePath } from "../../scripts/registry/generated-paths.js";

let dir: string;
let repo: string;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const tsx = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx/esm", script, ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
const read = (file: string) => readFileSync(join(repo, file), "utf8");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "release-test-"));
  repo = join(dir, "repo");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, repo]);
  git("config", "user.name", "Release Test");
  git("config", "user.email", "release-test@example.invalid");
  // Drop any tags cloned from the real repository: the scenario starts before the first release.
  for (const tag of git("tag", "--list").split("\n").filter(Boolean)) git("tag", "-d", tag);
  // The scripts under test are the working tree's, even before they are committed.
  cpSync(join(ROOT, "scripts"), join(repo, "scripts"), { recursive: true });
  git("add", "-A", "scripts");
  if (git("status", "--porcelain")) git("commit", "--quiet", "-m", "scripts from the working tree");
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"), "dir");
  appendFileSync(join(repo, ".git/info/exclude"), "node_modules\n");
}, 60_000);

/** The package's version one minor step up (0.x: the step a breaking change needs). */
const nextMinor = (version: string) => {
  const [major, minor] = version.split(".").map(Number);
  return `${major}.${minor! + 1}.0`;
};
const escaped = (version: string) => version.replace(/\./g, "\\.");
// The scenario's two releases, from the version the repository is at.
const FIRST = nextMinor(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string);
const SECOND = nextMinor(FIRST);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run release", () => {
  it("makes the first release: package bumped, description versions kept, CHANGELOG written, annotated tag", () => {
    const run = tsx("scripts/commands/release.ts", "minor");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(read("package.json")).version).toBe(FIRST);
    expect(JSON.parse(read("package-lock.json")).packages[""].version).toBe(FIRST);
    expect(git("cat-file", "-t", `v${FIRST}`)).toBe("tag");
    expect(git("status", "--porcelain")).toBe("");
    const changelog = read("CHANGELOG.md");
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toMatch(
      new RegExp(`\n## \\[Unreleased\\]\n\n## \\[${escaped(FIRST)}\\] - \\d{4}-\\d{2}-\\d{2}\n`),
    );
    // The first release keeps each description's version as committed.
    const committed = (api: string) => JSON.parse(readFileSync(bundlePath(api), "utf8")).info;
    expect(changelog).toContain(
      `Descriptions: Lightrun REST API ${committed("lightrun").version}; RunCloud API v2 ${committed("runcloud").version};`,
    );
    expect(JSON.parse(read("generated/healthchecks/openapi.json")).info.version).toBe(
      committed("healthchecks").version,
    );
  }, 240_000);

  it("refuses a release smaller than a breaking change, then bumps that API's major", () => {
    const before = JSON.parse(read("generated/healthchecks/openapi.json")).info.version as string;
    const after = `${Number(before.split(".")[0]) + 1}.0.0`;
    // Plant: Healthchecks no longer documents GET /api/v1/channels/.
    const root = "specs/healthchecks/openapi.yaml";
    const spec = read(root);
    expect(spec).toContain("  /api/v1/channels/:\n    $ref: ./paths/api/v1/channels/index.yaml\n");
    writeFileSync(
      join(repo, root),
      spec.replace("  /api/v1/channels/:\n    $ref: ./paths/api/v1/channels/index.yaml\n", ""),
    );
    const build = tsx("scripts/commands/build.ts", "--no-docs");
    expect(build.status, build.stderr).toBe(0);
    writeFileSync(
      join(repo, "CHANGELOG.md"),
      read("CHANGELOG.md").replace("## [Unreleased]\n", "## [Unreleased]\n\nA note written by hand.\n"),
    );
    git("commit", "--quiet", "-am", "Healthchecks: drop the channels list");

    const changes = tsx("scripts/commands/changes.ts");
    expect(changes.status).toBe(0);
    expect(changes.stdout).toContain(`Changes since v${FIRST}`);
    expect(changes.stdout).toContain("\n  [BREAKING] GET /api/v1/channels/ (listChannels): operation removed\n"); // the summary lists every breaking change

    const refused = tsx("scripts/commands/release.ts", "patch");
    expect(refused.status).toBe(1);
    // Healthchecks v2 and v3 are derived from the same source, so the planted change breaks them too.
    expect(refused.stderr).toContain(
      `a patch release is too small: healthchecks, healthchecks-v2, healthchecks-v3 changed at the major level since v${FIRST}; use \`npm run release -- minor\``,
    );
    expect(git("tag", "--list")).toBe(`v${FIRST}`);

    const run = tsx("scripts/commands/release.ts", "minor");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(git("tag", "--list").split("\n")).toEqual([`v${FIRST}`, `v${SECOND}`]);
    expect(read(root)).toContain(`  version: "${after}"\n`);
    expect(JSON.parse(read("generated/healthchecks/openapi.json")).info.version).toBe(after);
    expect(JSON.parse(read("generated/lightrun/openapi.json")).info.version).toBe("1.0.0");
    const changelog = read("CHANGELOG.md");
    const entry = changelog.slice(changelog.indexOf(`## [${SECOND}]`), changelog.indexOf(`## [${FIRST}]`));
    expect(changelog.indexOf(`## [${SECOND}]`)).toBeLessThan(changelog.indexOf(`## [${FIRST}]`));
    expect(entry).toContain(`Healthchecks REST API ${before} → ${after}`);
    expect(entry).toContain("A note written by hand.");
    expect(entry).toContain(
      "### Removed\n\n- **Breaking.** Healthchecks REST API, `GET /api/v1/channels/` (listChannels): operation removed.",
    );
    expect(changelog).toMatch(new RegExp(`## \\[Unreleased\\]\n\n## \\[${escaped(SECOND)}\\]`));
    expect(git("tag", "-l", "--format=%(contents)", `v${SECOND}`)).toContain("operation removed");
    // In-process from here (the same code as the CLI above, one process start less each).
    expect(formatChanges(collectChanges(`v${SECOND}`, repo), `v${SECOND}`)).toContain(
      `healthchecks: Healthchecks REST API (info.version ${after}): no changes`,
    );
    const history = formatHistory(`v${FIRST}`, `v${FIRST}`, repo);
    expect(history).toContain(`History of the bundles since v${FIRST}: 2 commit(s) changed them.`);
    expect(history).toMatch(
      /=== \w+ [-\d]+ Healthchecks: drop the channels list\n\nhealthchecks: .*\n.*\n {4}\[BREAKING\] +operation removed/,
    );
    expect(history).toContain(
      `Release v${SECOND}\n\nhealthchecks: Healthchecks REST API (info.version ${before} → ${after}): 1 docs only\n`,
    );
  }, 420_000);

  it("refuses to release with nothing changed or with uncommitted work", () => {
    expect(tsx("scripts/commands/release.ts", "patch").stderr).toContain(
      `nothing changed in any bundle since v${SECOND}`,
    );
    writeFileSync(join(repo, "README.md"), "dirty\n");
    const dirty = tsx("scripts/commands/release.ts", "patch");
    expect(dirty.status).toBe(1);
    expect(dirty.stderr).toContain("uncommitted changes");
  }, 120_000);
});

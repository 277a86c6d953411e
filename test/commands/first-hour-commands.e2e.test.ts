// The first hour with the commands, as a new user meets them (issue 19): every command through npm
// answers `-- --help` and refuses a typo naming the nearest valid choice (`npm start` and
// `npm run proxy` stopping on a signal sent to npm: test/commands/stop.e2e.test.ts); a taken port names the
// option that picks another;
// `npm run changes` is a short summary that calls out a version that went down; a broken YAML
// spec is reported first, at its line, by `npm run lint`, `npm run build` and `npm run dev`; the
// README's pinning recipe and client examples fail loudly, not silently or on a 401.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { firstBundleCommit } from "../../scripts/release/release-git.js";
import { startDevChild } from "../../scripts/testkit/dev-child.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { readmeBlocks } from "../support/readme-blocks.js";
import { freshBuild } from "../support/fresh-build.js";

const ENV = { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" };
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** `npm run <script> <args…>` (or `npm start`) to completion, as typed in a shell. */
function npm(script: string, args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("npm", [...(script === "start" ? ["start"] : ["run", script]), "--silent", ...args], {
    cwd,
    env: ENV,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The node command line of an npm script (`exec node … scripts/x.ts`) run as node directly, to
 * completion: what npm would run, without npm's own start. */
function direct(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const line: string = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")).scripts[script];
  const [exec, node, ...nodeArgs] = line.split(" ");
  expect([exec, node]).toEqual(["exec", "node"]);
  const env: NodeJS.ProcessEnv = { ...ENV };
  delete env.npm_lifecycle_event; // not under npm, even when the tests themselves run under it
  const r = spawnSync(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Per command: a typo a user makes, and what the refusal must suggest. */
const TYPOS: Record<string, [string[], string]> = {
  start: [["--prot", "healthchecks=0"], "did you mean --port?"],
  mock: [["healthcheck"], "did you mean healthchecks?"],
  docs: [["--docs-prot", "0"], "did you mean --docs-port?"],
  dev: [["--verbos"], "did you mean --verbose?"],
  proxy: [["healthchecks", "http://127.0.0.1:1", "--timout", "5"], "did you mean --timeout?"],
  verify: [["healthchecks", "http://127.0.0.1:1", "--wrte"], "did you mean --write?"],
  lint: [["healtchecks"], "did you mean healthchecks?"],
  build: [["--froce"], "did you mean --force?"],
  bench: [["--only", "mock"], "did you mean --only mocks?"],
  changes: [["--al"], "did you mean --all?"],
  release: [["mnor"], "did you mean minor?"],
};

describe("every command explains itself", () => {
  it.each(Object.keys(TYPOS))(
    "npm run %s -- --help prints its usage and exits 0; a typo exits 2 naming the nearest choice",
    (script) => {
      const help = npm(script, ["--", "--help"]);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^usage: npm ${script === "start" ? "start" : `run ${script}`} `));
      expect(help.stdout).toContain("--help");
      // --help only explains: nothing is built, served or measured.
      expect(help.stdout).not.toMatch(/Serving|built nothing|npm run bench —|lint passed|Changes since/);

      // The typo is the command's own parsing: run as npm runs it (the script's node line), without
      // npm's start; --help above went through npm, and npm's status is its child's (the mock and
      // bench cases below and the signal tests go through npm too).
      const [args, suggestion] = TYPOS[script]!;
      const typo = direct(script, args);
      expect(typo.status, `${typo.stdout}${typo.stderr}`).toBe(2);
      expect(typo.stderr).toContain(suggestion);
      expect(typo.stderr).toContain(`-- --help for more`);
    },
    120_000,
  );

  it("names the valid choices of a mistyped value, and notices options npm kept for itself", () => {
    const only = npm("bench", ["--", "--only", "mock"]);
    expect(only.stderr).toContain(
      '--only "mock" is not one of build, start, mocks, abuse, docs, lighthouse, preview, suite',
    );
    expect(only.stdout).toBe(""); // nothing measured
    const withoutDashes = npm("bench", ["--runs", "3"]);
    expect(withoutDashes.status).toBe(2);
    expect(withoutDashes.stderr).toContain(
      "npm took --runs as its own setting and did not pass it on: put -- before the command's options",
    );
  });
});

describe("servers stop on a signal to npm, and a taken port names the option", () => {
  // `npm start` (its banner counting from node's start, SIGINT to npm freeing every port) and
  // `npm run proxy` (SIGTERM to npm) are stop.e2e.test.ts's cases, with every other signal.

  it("npm run mock on a taken port says which option picks another", async () => {
    const taken = await new Promise<Server>((r) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => r(s));
    });
    cleanups.push(() => taken.close());
    const port = (taken.address() as { port: number }).port;
    const { dir } = await freshBuild();
    const result = npm("mock", ["--", "healthchecks", "--port", `healthchecks=${port}`], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`healthchecks: cannot listen on 127.0.0.1:${port}`);
    expect(result.stderr).toContain("choose another with --port healthchecks=N");
  }, 120_000);
});

describe("npm run changes", () => {
  it("is a short summary per API, with --all for everything, and calls out RunCloud's version going down", () => {
    const base = firstBundleCommit()!;
    const summary = npm("changes", ["--", base]);
    expect(summary.status, summary.stderr).toBe(0);
    const lines = summary.stdout.trim().split("\n");
    for (const api of loadApis())
      expect(lines.some((l) => l.startsWith(`${api.name}: `) && l.includes("info.version"))).toBe(true);
    expect(summary.stdout).not.toContain("[docs only]");
    expect(summary.stdout).toMatch(/runcloud: .*\(info\.version 2\.0\.0 → 1\.0\.0\)/);
    expect(summary.stdout).toMatch(/! info\.version went down \(2\.0\.0 → 1\.0\.0\): lowered in [0-9a-f]{7} ".+"/);
    expect(lines.at(-1)).toMatch(/^Not listed \(.*\): npm run changes -- --all lists every change\.$/);
    const all = npm("changes", ["--", base, "--all"]);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain("[docs only]");
    expect(all.stdout.split("\n").length).toBeGreaterThan(lines.length * 5);
  });
});

describe("a broken YAML spec", () => {
  let box: Sandbox | undefined;
  cleanups.push(() => box?.remove());
  const file = "specs/healthchecks/paths/api/v1/checks/index.yaml";

  it("is the first finding, at its own line, in npm run lint, npm run build and npm run dev", async () => {
    // A copy of the run's fresh build, docs included: `npm run dev` starts on a built clone, as
    // after `npm start`, instead of rendering every reference page first.
    box = makeSandbox({ withGenerated: true, withDocs: true, from: (await freshBuild()).dir });
    const text = readFileSync(join(box.dir, file), "utf8");
    const line = text.split("\n").findIndex((l) => l.startsWith("  summary: ")) + 1;
    const brokenText = text.replace(/^ {2}summary: /m, "  summary ");
    const where = `${file}:${line}:3 error [yaml-parse]`;

    const dev = await startDevChild(box.dir, loadApis());
    cleanups.push(() => dev.child.kill("SIGKILL"));
    writeFileSync(join(box.dir, file), brokenText);

    const lint = npm("lint", [], box.dir);
    expect(lint.status).toBe(1);
    const findings = lint.stdout.split("\n").filter((l) => /^ {2}\S/.test(l));
    expect(findings[0]).toMatch(new RegExp(`^  yaml +${where.replace(/[{}.[\]]/g, "\\$&")} `));
    expect(lint.stdout).not.toContain("no-unresolved-refs");

    const build = npm("build", ["--", "--no-docs"], box.dir);
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(`healthchecks: 1 problem(s)\n  ${where} `);

    // The live preview prints (and shows over the page) the same text.
    for (let i = 0; i < 600 && !/✘ healthchecks/.test(dev.output()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(dev.output(), dev.output()).toContain("✘ healthchecks");
    const report = dev.output().slice(dev.output().indexOf("✘ healthchecks"));
    expect(report).toMatch(/^✘ healthchecks: 1 lint finding\(s\)\n/);
    expect(report.split("\n")[1]).toContain(where);
    await dev.stop();
  }, 300_000);
});

describe("the README's recipes fail loudly", () => {
  it("Pinning a version stops with a message and a non-zero status when there is no release tag", () => {
    const readme = readFileSync(resolve(ROOT, "guides/documents.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Pinning a version"));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const clone = mkdtempSync(join(tmpdir(), "pinning-"));
    cleanups.push(() => rmSync(clone, { recursive: true, force: true }));
    spawnSync("git", ["clone", "--quiet", "--no-tags", ROOT, clone]);
    const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).stdout;
    const r = spawnSync("bash", ["-c", block], { cwd: clone, encoding: "utf8", env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("no release tag v* here yet: nothing to pin");
    expect(spawnSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).stdout).toBe(head); // nothing checked out
    expect(spawnSync("git", ["status", "--porcelain"], { cwd: clone, encoding: "utf8" }).stdout).toBe(""); // nothing written
  });

  it("a client example without its credential names the variable instead of failing on a 401", () => {
    const work = mkdtempSync(join(tmpdir(), "readme-env-"));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const needs = [
      ["HC_API_KEY", readmeBlocks()[0]!],
      ["LIGHTRUN_TOKEN", readmeBlocks().find((b) => b.code.includes("paginate("))!],
    ] as const;
    for (const [variable, block] of needs) {
      const file = join(work, block.name);
      writeFileSync(file, block.code);
      const env: NodeJS.ProcessEnv = { ...ENV, TSX_TSCONFIG_PATH: resolve(ROOT, "tsconfig.json") };
      delete env[variable];
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", "--import", resolve(ROOT, "test/support/loopback-only.ts"), file],
        { cwd: ROOT, env, encoding: "utf8" },
      );
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`${variable} is not set: export ${variable}=`);
      expect(r.stderr).not.toContain("401");
    }
  });
});

// `npm run verify` against the servers the harness started: read-only and --write runs pass and
// print a table; each probe expects its version's one status (given or detected), so a server of
// another version departs; Livebridge --write restores the control file byte for byte, or refuses
// without it; no credential is printed; bad usage, an unreachable server, a bad URL and a version
// verify cannot be exact about are one line and exit 2.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/testkit/free-port.js";

const servers = inject("liveServers");
const ROOT = new URL("../..", import.meta.url).pathname;

function verify(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx/esm", "scripts/commands/verify.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** One line of output, exit 2. */
const oneLine = (result: { code: number; output: string }) => ({
  code: result.code,
  lines: result.output.trim().split("\n").length,
});

// A stored document the API cannot give back: an extra top-level key, two identical bridges, a
// bridge without `targets`, and a secret in `auth` (GET drops the key, merges the duplicates and
// adds `targets: []`; PUT stores the server's YAML of what it is sent).
const CONTROL_FILE = `# edited by hand
extra_key: keep me
auth:
  liveblog:
    user: someone
    password: stored-secret-0123
bridges:
  - type: liveblog
    source_id: duplicate
    active: false
    targets: [{type: scribblelive, event_id: "1", auth: liveblog}]
  - type: liveblog
    source_id: duplicate
    active: false
    targets: [{type: scribblelive, event_id: "1", auth: liveblog}]
  - {type: liveblog, source_id: no-targets, active: false}
`;

describe("npm run verify", () => {
  const hc = servers.healthchecks["1.15.0"]!;
  const lb = servers.livebridge;

  it("passes read-only against Healthchecks, detecting its version, and prints a table per operation without a key", async () => {
    const { code, output } = await verify(["healthchecks", hc.url, hc.owner.apiKey, hc.owner.readOnlyKey]);
    expect(output).toContain("read-only checks; exact expectations of Healthchecks 1.15.0 (detected");
    expect(output).toMatch(/^listChecks$/m);
    expect(output).toMatch(/^updateCheck$/m);
    expect(output).not.toContain("simple check"); // a write probe
    expect(output).toContain("0 with requests of ours the spec refuses");
    expect(output).not.toContain(hc.owner.apiKey);
    expect(output).not.toContain(hc.owner.readOnlyKey);
    expect(code, output).toBe(0);
  });

  it("creates and deletes its own checks with --write, touching no other check", async () => {
    const mine = await fetch(`${hc.url}/api/v1/checks/`, {
      method: "POST",
      headers: { "X-Api-Key": hc.owner.apiKey },
      body: JSON.stringify({ name: "live-check of someone else", tags: "keep" }),
    });
    const { update_url } = (await mine.json()) as { update_url: string };
    try {
      const { code, output } = await verify(["healthchecks", hc.url, "--write", "--server-version", "1.15.0"], {
        HC_API_KEY: hc.owner.apiKey,
      });
      expect(output).toContain("simple check");
      expect(output).not.toContain(hc.owner.apiKey);
      expect(code, output).toBe(0);
      const list = await fetch(`${hc.url}/api/v1/checks/`, { headers: { "X-Api-Key": hc.owner.apiKey } });
      const names = ((await list.json()) as { checks: { name: string; tags: string }[] }).checks
        .filter((c) => c.name.startsWith("live-check"))
        .map((c) => `${c.name} [${c.tags}]`);
      expect(names).toEqual(["live-check of someone else [keep]"]);
    } finally {
      await fetch(update_url, { method: "DELETE", headers: { "X-Api-Key": hc.owner.apiKey } });
    }
  });

  it("expects each version's own answers: v1.15.0 verified as v1.3.0 departs, v1.3.0 as v1.3.0 passes", async () => {
    const wrong = await verify([
      "healthchecks",
      hc.url,
      hc.owner.apiKey,
      hc.owner.readOnlyKey,
      "--write",
      "--server-version",
      "1.3.0",
    ]);
    expect(wrong.output).toMatch(/read-only key\s+expected 200\s+got 401\s+DEPARTS/); // listChannels
    expect(wrong.output).toMatch(/own check\s+expected 405\s+got 200\s+DEPARTS/); // getCheck
    expect(wrong.code).toBe(1);
    const old = servers.healthchecks["1.3.0"]!;
    const right = await verify([
      "healthchecks",
      old.url,
      old.owner.apiKey,
      old.owner.readOnlyKey,
      "--write",
      "--server-version",
      "1.3.0",
    ]);
    expect(right.code, right.output).toBe(0);
    // v1.3.0 cannot be told from v1.4.0 to v1.14.x by its routes: verify says so instead of guessing.
    const undetected = await verify(["healthchecks", old.url, old.owner.apiKey, old.owner.readOnlyKey]);
    expect(undetected.output).toContain("give --server-version");
    expect(oneLine(undetected)).toEqual({ code: 2, lines: 1 });
  });

  it("detects v1.23.x and runs its pings, flips, unique_key and badges probes", async () => {
    const newest = servers.healthchecks["1.23.1"]!;
    const { code, output } = await verify([
      "healthchecks",
      newest.url,
      newest.owner.apiKey,
      newest.owner.readOnlyKey,
      "--write",
    ]);
    expect(output).toContain("exact expectations of Healthchecks 1.23.0 (detected 1.23.0 to 1.23.x");
    for (const op of ["listPings", "listFlips", "listBadges"]) expect(output).toMatch(new RegExp(`^${op}$`, "m"));
    expect(output).toContain("own check by unique_key");
    expect(code, output).toBe(0);
  });

  it("Livebridge --write restores a control file it could not rewrite through the API, byte for byte", async () => {
    const before = await readFile(lb.controlFile);
    try {
      await writeFile(lb.controlFile, CONTROL_FILE);
      const { code, output } = await verify([
        "livebridge",
        lb.url,
        lb.user,
        lb.password,
        "--write",
        "--control-file",
        lb.controlFile,
      ]);
      expect(output).toMatch(/^replaceControlData$/m);
      expect(output).toMatch(/stored document restored byte for byte\s+expected 200\s+got 200\s+ok/);
      for (const secret of [lb.password, lb.user, "stored-secret-0123"]) expect(output).not.toContain(secret);
      expect(code, output).toBe(0);
      expect(await readFile(lb.controlFile, "utf8")).toBe(CONTROL_FILE);
    } finally {
      await writeFile(lb.controlFile, before);
    }
  });

  it("Livebridge --write without the control file refuses before sending anything, and changes nothing", async () => {
    const before = await readFile(lb.controlFile);
    const result = await verify(["livebridge", lb.url, lb.user, lb.password, "--write"]);
    expect(result.output).toContain("livebridge --write needs --control-file");
    expect(oneLine(result)).toEqual({ code: 2, lines: 1 });
    expect((await readFile(lb.controlFile)).equals(before)).toBe(true);
  });

  it("reports a wrong key as departures and exits 1, without printing it", async () => {
    const { code, output } = await verify([
      "healthchecks",
      hc.url,
      "wrong-key".padEnd(32, "x"),
      "--server-version",
      "1.15.0",
    ]);
    expect(output).toContain("DEPARTS");
    expect(output).not.toContain("wrong-keyxxx");
    expect(code).toBe(1);
  });

  it("an unreachable server, a bad URL, an unknown version: one line each, exit 2", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    for (const args of [
      ["healthchecks", closed, hc.owner.apiKey],
      ["healthchecks", closed, hc.owner.apiKey, "--server-version", "1.15.0"],
      ["livebridge", closed, lb.user, lb.password],
      ["healthchecks", "http://no such host", hc.owner.apiKey],
      ["healthchecks", hc.url, hc.owner.apiKey, "--server-version", "2.0"],
    ]) {
      const result = await verify(args);
      expect(oneLine(result), result.output).toEqual({ code: 2, lines: 1 });
      expect(result.output).not.toContain(hc.owner.apiKey);
      expect(result.output).not.toContain(lb.password);
    }
    expect((await verify(["healthchecks", closed, hc.owner.apiKey])).output).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/m,
    );
  });

  it("explains bad usage and exits 2", async () => {
    expect(await verify(["lightrun", "http://127.0.0.1:1"])).toMatchObject({
      code: 2,
      output: expect.stringContaining("verify supports healthchecks and livebridge"),
    });
    expect(await verify(["healthchecks", "not a url", "k"])).toMatchObject({ code: 2 });
    expect(await verify(["healthchecks", hc.url, "k", "--server-vrsion", "1.15.0"])).toMatchObject({
      code: 2,
      output: expect.stringContaining("unknown option --server-vrsion"),
    });
    expect(await verify([])).toMatchObject({ code: 2, output: expect.stringContaining("usage:") });
  });
});

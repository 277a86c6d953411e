// `npm run verify` against the servers the harness started: read-only and --write runs pass and
// print a table; a wrong key is reported as departures with exit code 1; bad usage exits 2.
import { execFile } from "node:child_process";
import { describe, expect, inject, it } from "vitest";

const servers = inject("liveServers");
const ROOT = new URL("../..", import.meta.url).pathname;

function verify(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/verify.ts", ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe("npm run verify", () => {
  const hc = servers.healthchecks["1.15.0"]!;
  const lb = servers.livebridge;

  it("passes read-only against Healthchecks and prints a table per operation", async () => {
    const { code, output } = await verify(["healthchecks", hc.url, hc.owner.apiKey, hc.owner.readOnlyKey]);
    expect(output).toContain("read-only checks");
    expect(output).toMatch(/^listChecks$/m);
    expect(output).toMatch(/^updateCheck$/m);
    expect(output).not.toContain("simple check"); // a write probe
    expect(output).not.toContain(hc.owner.apiKey);
    expect(code, output).toBe(0);
  });

  it("creates and deletes its own checks with --write", async () => {
    const { code, output } = await verify(["healthchecks", hc.url, "--write"], { HC_API_KEY: hc.owner.apiKey });
    expect(output).toContain("simple check");
    expect(code, output).toBe(0);
    const list = await fetch(`${hc.url}/api/v1/checks/`, { headers: { "X-Api-Key": hc.owner.apiKey } });
    expect(((await list.json()) as { checks: { name: string }[] }).checks.filter((c) => c.name.startsWith("live-check"))).toEqual([]);
  });

  it("passes against Livebridge, writing back the control data with --write", async () => {
    const { code, output } = await verify(["livebridge", lb.url, lb.user, lb.password, "--write"]);
    expect(output).toMatch(/^replaceControlData$/m);
    expect(output).not.toContain(lb.password);
    expect(code, output).toBe(0);
  });

  it("reports a wrong key as departures and exits 1", async () => {
    const { code, output } = await verify(["healthchecks", hc.url, "wrong-key".padEnd(32, "x")]);
    expect(output).toContain("DEPARTS");
    expect(output).not.toContain("wrong-keyxxx");
    expect(code).toBe(1);
  });

  it("explains bad usage and exits 2", async () => {
    expect(await verify(["lightrun", "http://127.0.0.1:1"])).toMatchObject({ code: 2, output: expect.stringContaining("verify supports healthchecks and livebridge") });
    expect(await verify(["healthchecks", "not a url", "k"])).toMatchObject({ code: 2 });
    expect(await verify([])).toMatchObject({ code: 2, output: expect.stringContaining("usage:") });
  });
});

// The harness itself: every server is up, seeded with the fixed accounts, and reachable only on 127.0.0.1.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { extractVerified, startLivebridge } from "./servers.js";

const servers = inject("liveServers");

describe("live harness", () => {
  for (const [version, hc] of Object.entries(servers.healthchecks)) {
    it(`Healthchecks ${version} knows the owner's key and channels`, async () => {
      expect(new URL(hc.url).hostname).toBe("127.0.0.1");
      const res = await fetch(`${hc.url}/api/v1/channels/`, { headers: { "X-Api-Key": hc.owner.apiKey } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { channels: { id: string }[] };
      expect(body.channels.map((c) => c.id)).toEqual(hc.owner.channels.map((c) => c.id));
    });
  }

  it("Livebridge logs in with the fixed user and reads the file control store", async () => {
    const lb = servers.livebridge;
    const login = await fetch(`${lb.url}/api/v1/session`, {
      method: "POST",
      body: new URLSearchParams({ username: lb.user, password: lb.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${lb.url}/api/v1/controldata`, { headers: { "X-Auth-Token": token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ auth: {}, bridges: [] });
  });

  it("refuses an archive whose digest does not match SHA256SUMS", async () => {
    const dir = await mkdtemp(join(tmpdir(), "live-sums-"));
    try {
      await writeFile(join(dir, "x.tar.gz"), "not the archive");
      await writeFile(join(dir, "SHA256SUMS"), `${"0".repeat(64)}  x.tar.gz\n`);
      await expect(extractVerified("x.tar.gz", dir, dir)).rejects.toThrow(/does not match SHA256SUMS/);
      await expect(extractVerified("y.tar.gz", dir, dir)).rejects.toThrow(/not listed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("close() stops the server: its port refuses connections afterwards", async () => {
    const dir = await mkdtemp(join(tmpdir(), "live-stop-"));
    try {
      const lb = await startLivebridge(dir);
      expect((await fetch(`${lb.url}/api/v1/controldata`)).status).toBe(401);
      await lb.close();
      await expect(fetch(`${lb.url}/api/v1/controldata`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

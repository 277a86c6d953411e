// The harness itself: every server is up, seeded with the fixed accounts, and reachable only on 127.0.0.1.
import { describe, expect, inject, it } from "vitest";

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
    const login = await fetch(`${lb.url}/api/v1/session`, { method: "POST", body: new URLSearchParams({ username: lb.user, password: lb.password }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${lb.url}/api/v1/controldata`, { headers: { "X-Auth-Token": token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ auth: {}, bridges: [] });
  });
});

// The live suite: every operation of Healthchecks (v1.3.0, v1.15.0, v1.23.1) and Livebridge 0.27.0
// through the generated clients and helpers, every status the servers can be made to produce,
// each probe expecting its version's one status, each answer checked against the bundle and each
// request we sent against the spec (scripts/live-check/).
import { writeFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { formatTable } from "../../scripts/live-check/recorder.js";
import { runLiveChecks } from "../../scripts/live-check/run.js";
import { controlFileStore } from "../../scripts/live-check/control-store.js";
import { loadSpec, newerThan } from "./request-truth.js";

const servers = inject("liveServers");

// operationId → the statuses each server must have produced (what the server can be made to
// produce and the spec documents).
const HEALTHCHECKS: Record<string, number[]> = {
  getStatus: [200, 400],
  listChecks: [200, 400, 401, 405],
  listChannels: [200, 400, 401, 405],
  createCheck: [200, 201, 400, 401, 403, 500],
  updateCheck: [200, 400, 401, 403, 404, 405],
  pauseCheck: [200, 400, 401, 403, 404, 405, 500],
  deleteCheck: [200, 400, 401, 403, 404],
};
const EXPECTED: Record<string, Record<string, number[]>> = {
  // No GET on a single check before v1.14.0: 405 (after the key, lookup and owner checks).
  "healthchecks 1.3.0": { ...HEALTHCHECKS, getCheck: [401, 403, 404, 405] },
  "healthchecks 1.15.0": { ...HEALTHCHECKS, getCheck: [200, 401, 403, 404] },
  // v1.23.0 and later ignore a GET body: no 400 for an unparsable one. v1.16.0 added pings,
  // flips and lookups by unique_key, v1.23.0 badges (resumeCheck and getPingBody came later).
  "healthchecks 1.23.1": {
    ...HEALTHCHECKS,
    listChecks: [200, 401, 405],
    listChannels: [200, 401, 405],
    getCheck: [200, 401, 403, 404],
    deleteCheck: [200, 401, 403, 404],
    listPings: [200, 401, 403, 404],
    listFlips: [200, 400, 401, 403, 404],
    listBadges: [200, 401, 405],
  },
  // loginSession's 400 needs a server without credentials configured.
  livebridge: {
    loginSession: [200, 401, 500],
    getControlData: [200, 401, 500],
    checkControlData: [200, 401, 500],
    replaceControlData: [200, 400, 401, 412, 500],
  },
};

describe("live conformance", () => {
  // Every operation a server has (x-since at most its version) must be in its coverage map, so
  // an operation the spec adds cannot go unchecked on the servers that serve it.
  it("the coverage maps name every operation each Healthchecks server serves", () => {
    const spec = loadSpec("healthchecks");
    for (const version of Object.keys(servers.healthchecks)) {
      const served = Object.values(spec.paths ?? {}).flatMap((item) =>
        Object.values(item as Record<string, { operationId?: string; "x-since"?: string }>)
          .filter((op) => typeof op === "object" && op?.operationId && !newerThan(op["x-since"], version))
          .map((op) => op.operationId!),
      );
      expect(Object.keys(EXPECTED[`healthchecks ${version}`] ?? {}), version).toEqual(expect.arrayContaining(served));
    }
  });

  for (const [version, hc] of Object.entries(servers.healthchecks)) {
    it(`Healthchecks ${version}: every answer matches the spec`, async () => {
      const { rec } = await runLiveChecks({
        api: "healthchecks",
        target: {
          url: hc.url,
          apiKey: hc.owner.apiKey,
          readOnlyKey: hc.owner.readOnlyKey,
          otherApiKey: hc.other.apiKey,
          limitedApiKey: hc.limited.apiKey,
          write: true,
        },
        serverVersion: version,
      });
      console.log(`Healthchecks ${version}\n${formatTable(rec.rows)}\n${JSON.stringify(rec.coverage())}`);
      expect(rec.failures.map((r) => `${r.operationId} ${r.label}: ${[...r.problems, ...r.ours].join("; ")}`)).toEqual(
        [],
      );
      expect(EXPECTED[`healthchecks ${version}`], `no expected coverage for Healthchecks ${version}`).toBeDefined();
      expect(rec.coverage()).toEqual(EXPECTED[`healthchecks ${version}`]);
    });
  }

  it("Livebridge 0.27.0: every answer matches the spec", async () => {
    const lb = servers.livebridge;
    let saved = "";
    const { rec } = await runLiveChecks({
      api: "livebridge",
      target: {
        url: lb.url,
        user: lb.user,
        password: lb.password,
        write: true,
        store: controlFileStore(lb.controlFile),
        breakStore: {
          break: async () => {
            const { readFile } = await import("node:fs/promises");
            saved = await readFile(lb.controlFile, "utf8");
            await writeFile(lb.controlFile, "[]\n");
          },
          restore: () => writeFile(lb.controlFile, saved),
        },
      },
    });
    console.log(`Livebridge 0.27.0\n${formatTable(rec.rows)}\n${JSON.stringify(rec.coverage())}`);
    expect(rec.failures.map((r) => `${r.operationId} ${r.label}: ${[...r.problems, ...r.ours].join("; ")}`)).toEqual(
      [],
    );
    expect(rec.coverage()).toEqual(EXPECTED.livebridge);
  });
});

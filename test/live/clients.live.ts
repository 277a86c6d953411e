// The generated clients against the real servers, as a user calls them: every operation each
// server serves, with no parse option, and `data` (or `error`) of the run-time type its status
// declares — a string for text (Healthchecks' "OK"), undefined for no content (a HEAD), parsed
// JSON that its schema accepts. Operations a version lacks answer a documented HTML 404, whose
// `error` must be a string too.
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createHealthchecksClient } from "../../generated/healthchecks/index.js";
import { createLivebridgeClient } from "../../generated/livebridge/index.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { uniqueKeyOf } from "../../scripts/live-check/healthchecks.js";
import { checkResultType, type ClientResult } from "../conformance/data-check.js";
import { loadSpec } from "../support/spec.js";

const servers = inject("liveServers");

/** Checks a result against the declared type of its operation's answer; returns it. */
async function typed<R extends ClientResult>(
  api: string,
  operationId: string,
  call: Promise<R>,
  status: number,
): Promise<R> {
  const spec = await loadSpec(api);
  const op = listOperations(spec).find((o) => o.operation.operationId === operationId)!;
  const result = await call;
  expect(result.response.status, `${operationId}: ${JSON.stringify(result.error)}`).toBe(status);
  expect(checkResultType(spec, op.operation, op.method, result), operationId).toEqual([]);
  return result;
}

// What each version serves (x-since in the spec): the rest answers 404.
const SINCE: Record<string, string[]> = {
  "1.3.0": [],
  "1.15.0": ["getCheck"],
  "1.23.1": ["getCheck", "listPings", "listFlips", "listBadges"],
};

for (const [version, hc] of Object.entries(servers.healthchecks)) {
  describe(`Healthchecks ${version} through the generated client, no parse option`, () => {
    // The second account, and a name of its own: other live files never see this check.
    const client = createHealthchecksClient({ baseUrl: hc.url, apiKey: hc.other.apiKey });
    const serves = (op: string) => SINCE[version]!.includes(op);
    let code = "";
    const path = () => ({ params: { path: { code } } });

    beforeAll(async () => {
      const created = await typed(
        "healthchecks",
        "createCheck",
        client.POST("/api/v1/checks/", {
          body: { name: `clients-live ${randomUUID()}`, tags: "clients", timeout: 3600 },
        }),
        201,
      );
      code = String((created.data as { update_url: string }).update_url)
        .split("/")
        .pop()!;
    });
    afterAll(async () => {
      if (code) await client.DELETE("/api/v1/checks/{code}", path());
    });

    it("getStatus: data is the text OK", async () => {
      const { data } = await typed("healthchecks", "getStatus", client.GET("/api/v1/status/"), 200);
      expect(data).toBe("OK");
    });

    it("listChecks, listChannels, updateCheck, pauseCheck: parsed JSON of their schemas", async () => {
      await typed(
        "healthchecks",
        "listChecks",
        client.GET("/api/v1/checks/", { params: { query: { tag: ["clients"] } } }),
        200,
      );
      await typed("healthchecks", "listChannels", client.GET("/api/v1/channels/"), 200);
      await typed(
        "healthchecks",
        "updateCheck",
        client.POST("/api/v1/checks/{code}", { ...path(), body: { desc: "typed" } }),
        200,
      );
      await typed("healthchecks", "pauseCheck", client.POST("/api/v1/checks/{code}/pause", path()), 200);
    });

    it("getCheck: parsed JSON where served (by UUID, and by unique_key from v1.16.0); before v1.14.0 a 405 whose error is a string", async () => {
      if (!serves("getCheck")) {
        const { error } = await typed("healthchecks", "getCheck", client.GET("/api/v1/checks/{code}", path()), 405);
        expect(error).toBe("HTTP 405 Method Not Allowed");
        return;
      }
      await typed("healthchecks", "getCheck", client.GET("/api/v1/checks/{code}", path()), 200);
      if (serves("listPings"))
        await typed(
          "healthchecks",
          "getCheck",
          client.GET("/api/v1/checks/{code}", { params: { path: { code: uniqueKeyOf(code) } } }),
          200,
        );
    });

    it("listPings, listFlips, listBadges: parsed JSON where served, an HTML 404 (a string) where not", async () => {
      const lacks = {
        listPings: !serves("listPings"),
        listFlips: !serves("listFlips"),
        listBadges: !serves("listBadges"),
      };
      await typed(
        "healthchecks",
        "listPings",
        client.GET("/api/v1/checks/{code}/pings/", path()),
        lacks.listPings ? 404 : 200,
      );
      await typed(
        "healthchecks",
        "listFlips",
        client.GET("/api/v1/checks/{code}/flips/", path()),
        lacks.listFlips ? 404 : 200,
      );
      if (serves("listFlips"))
        await typed(
          "healthchecks",
          "listFlips",
          client.GET("/api/v1/checks/{code}/flips/", { params: { path: { code: uniqueKeyOf(code) } } }),
          200,
        );
      if (lacks.listBadges) {
        const res = await client.GET("/api/v1/badges/");
        expect(res.response.status).toBe(404); // no such route: not an answer the spec documents for listBadges
        expect(typeof res.error).toBe("string");
      } else {
        await typed("healthchecks", "listBadges", client.GET("/api/v1/badges/"), 200);
      }
    });

    it("resumeCheck and getPingBody (v2.3, v2.5) are not served: an HTML 404 whose error is a string", async () => {
      const resume = await typed(
        "healthchecks",
        "resumeCheck",
        client.POST("/api/v1/checks/{code}/resume", path()),
        404,
      );
      expect(resume.error).toMatch(/Not Found/);
      await typed(
        "healthchecks",
        "getPingBody",
        client.GET("/api/v1/checks/{code}/pings/{n}/body", { params: { path: { code, n: 1 } } }),
        404,
      );
    });

    it("errors: JSON where documented as JSON, text where documented as HTML", async () => {
      const anonymous = createHealthchecksClient({ baseUrl: hc.url });
      const { error } = await typed("healthchecks", "listChecks", anonymous.GET("/api/v1/checks/"), 401);
      expect(error).toMatchObject({ error: expect.any(String) });
      await typed(
        "healthchecks",
        "deleteCheck",
        client.DELETE("/api/v1/checks/{code}", { params: { path: { code: randomUUID() } } }),
        404,
      );
    });

    it("deleteCheck: parsed JSON (the deleted check)", async () => {
      await typed("healthchecks", "deleteCheck", client.DELETE("/api/v1/checks/{code}", path()), 200);
      code = "";
    });
  });
}

describe("Livebridge 0.27.0 through the generated client, no parse option", () => {
  const lb = servers.livebridge;
  let saved: Buffer;

  beforeAll(async () => {
    saved = await readFile(lb.controlFile);
  });
  afterAll(async () => {
    if (saved) await writeFile(lb.controlFile, saved);
  });

  it("every operation: the token object, the control data object, HEAD's undefined, PUT's object; errors parsed", async () => {
    const client = createLivebridgeClient({ baseUrl: lb.url });
    const login = await typed(
      "livebridge",
      "loginSession",
      client.POST("/api/v1/session", { body: { username: lb.user, password: lb.password } }),
      200,
    );
    expect(login.data).toMatchObject({ token: expect.any(String) });
    const wrong = await typed(
      "livebridge",
      "loginSession",
      client.POST("/api/v1/session", { body: { username: lb.user, password: "wrong" } }),
      401,
    );
    expect(wrong.error).toMatchObject({ error: expect.any(String) });
    const authed = createLivebridgeClient({ baseUrl: lb.url, token: (login.data as { token: string }).token });
    const got = await typed("livebridge", "getControlData", authed.GET("/api/v1/controldata"), 200);
    expect(got.data).toMatchObject({ bridges: expect.any(Array) });
    const head = await typed("livebridge", "checkControlData", authed.HEAD("/api/v1/controldata"), 200);
    expect(head.data).toBeUndefined();
    const etag = got.response.headers.get("etag")!;
    const put = await typed(
      "livebridge",
      "replaceControlData",
      authed.PUT("/api/v1/controldata", { params: { header: { "If-Match": etag } }, body: got.data! }),
      200,
    );
    expect(put.data).toEqual({ ok: "true" });
    const stale = await typed(
      "livebridge",
      "replaceControlData",
      authed.PUT("/api/v1/controldata", { params: { header: { "If-Match": "0".repeat(32) } }, body: got.data! }),
      412,
    );
    expect(stale.error).toMatchObject({ error: expect.any(String) });
  });
});

// The Pinging API (specs/healthchecks-ping) against the real servers: a check made with the
// Management API is pinged by every route each version serves, with HEAD, GET and POST, and
// every exchange (request and answer) is checked against the ping spec; routes a version lacks
// must answer its documented 404. On v1.23.1 the pings must show up in listPings, and the
// lifecycle helper (startRun) runs a job's start and completion through the generated client.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createHealthchecksClient } from "../../generated/healthchecks/index.js";
import { ApiError, createHealthchecksPingClient, startRun } from "../../generated/healthchecks-ping/index.js";
import { checkRequest, checkResponse, formatDeparture } from "../../scripts/conformance/http-check.js";
import { operationMatcher } from "../../scripts/conformance/operation-match.js";
import { loadSpec, newerThan } from "./request-truth.js";

const servers = inject("liveServers");
const spec = loadSpec("healthchecks-ping");
const match = operationMatcher(spec);

interface Exchange {
  operationId: string;
  status: number;
  text: string;
}

/** Sends one ping request and checks both sides against the ping spec; returns the answer. */
async function exchange(
  base: string,
  method: "GET" | "HEAD" | "POST",
  path: string,
  body?: string | Blob,
): Promise<Exchange> {
  const url = new URL(path, base);
  const headers = new Headers(body === undefined ? {} : { "Content-Type": "text/plain" });
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  const found = match(method, url.pathname);
  if ("problem" in found) throw new Error(`${method} ${path}: ${found.problem}`);
  const { op, pathParams } = found.match;
  const sentText = body === undefined ? "" : typeof body === "string" ? body : "(bytes)";
  const departures = [
    ...(await checkRequest(spec, op.operation, op.parameters, pathParams, { method, url, headers, text: sentText })),
    ...checkResponse(spec, op.operation, { status: res.status, headers: res.headers, text }, method),
  ];
  expect(
    departures.map(formatDeparture),
    `${method} ${path} (${op.operation.operationId}) → ${res.status} ${text.slice(0, 80)}`,
  ).toEqual([]);
  return { operationId: op.operation.operationId as string, status: res.status, text };
}

for (const [version, hc] of Object.entries(servers.healthchecks)) {
  const has = (since: string) => !newerThan(since, version);
  describe(`Pinging API on Healthchecks ${version}`, () => {
    // The second account, and checks of its own: the other live files never see them.
    const api = createHealthchecksClient({ baseUrl: hc.url, apiKey: hc.other.apiKey });
    const created: string[] = [];
    const name = `ping-live-${randomUUID().slice(0, 8)}`;
    let code = "";

    async function createCheck(checkName: string): Promise<string> {
      const { data, response } = await api.POST("/api/v1/checks/", { body: { name: checkName, timeout: 3600 } });
      expect(response.status).toBe(201);
      const id = String((data as { update_url: string }).update_url)
        .split("/")
        .pop()!;
      created.push(id);
      return id;
    }

    beforeAll(async () => {
      code = await createCheck(name);
    });
    afterAll(async () => {
      for (const id of created) await api.DELETE("/api/v1/checks/{code}", { params: { path: { code: id } } });
    });

    it("success and failure by UUID, with HEAD, GET and POST (a logged body), answer OK", async () => {
      for (const [method, path, body] of [
        ["GET", `/ping/${code}`],
        ["HEAD", `/ping/${code}`],
        ["POST", `/ping/${code}`, "backup finished: 42 files\n"],
        ["GET", `/ping/${code}/fail`],
        ["POST", `/ping/${code}/fail`, "backup failed\n"],
      ] as const) {
        const answer = await exchange(hc.url, method, path, body);
        expect(answer.status, `${method} ${path}`).toBe(200);
        expect(answer.text).toBe(method === "HEAD" ? "" : "OK");
      }
    });

    it("an unknown check, and a body that is not UTF-8 (before v1.24.0), get their documented errors", async () => {
      expect((await exchange(hc.url, "GET", `/ping/${randomUUID()}`)).status).toBe(404);
      expect((await exchange(hc.url, "HEAD", `/ping/${randomUUID()}/fail`)).status).toBe(404);
      expect(
        (await exchange(hc.url, "POST", `/ping/${code}`, new Blob([new Uint8Array([0xff, 0xfe, 0x00])]))).status,
      ).toBe(500);
    });

    it("/start (v1.4.0), exit statuses (v1.18.0) and /log (v2.3) where served, the documented 404 where not", async () => {
      const start = await exchange(hc.url, "GET", `/ping/${code}/start`);
      expect(start.status).toBe(has("1.4.0") ? 200 : 404);
      for (const status of [0, 1, 255])
        expect((await exchange(hc.url, "GET", `/ping/${code}/${status}`)).status).toBe(has("1.18.0") ? 200 : 404);
      expect((await exchange(hc.url, "POST", `/ping/${code}/3`, "exit 3\n")).status).toBe(has("1.18.0") ? 200 : 404);
      expect((await exchange(hc.url, "GET", `/ping/${code}/log`)).status).toBe(has("2.3") ? 200 : 404);
    });

    it("the lifecycle helper: start, then exit status or success, one run id", async () => {
      const client = createHealthchecksPingClient({ baseUrl: hc.url });
      if (!has("1.4.0")) {
        const error = await startRun(client, { code }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(404);
        return;
      }
      const run = await startRun(client, { code }, { body: "starting\n" });
      expect(run.rid).toMatch(/^[0-9a-f-]{36}$/);
      expect(run.started).toEqual({ status: 200, text: "OK", bodyLimit: undefined }); // Ping-Body-Limit: v2.1
      expect(await (has("1.18.0") ? run.exitStatus(0, "done\n") : run.success("done\n"))).toMatchObject({
        status: 200,
        text: "OK",
      });
      await expect(run.exitStatus(256)).rejects.toThrow(TypeError);
    });

    if (has("1.23.0")) {
      it("v1.23.0+: an exit status above 255 gets 400 invalid url format", async () => {
        const answer = await exchange(hc.url, "GET", `/ping/${code}/256`);
        expect([answer.status, answer.text]).toEqual([400, "invalid url format"]);
      });

      it("v1.23.0+: slug URLs under the project's ping key, 404 for an unknown slug, 409 for an ambiguous one", async () => {
        const pingKey = hc.pingKeys!.other;
        for (const [method, suffix, expected] of [
          ["GET", "", 200],
          ["HEAD", "", 200],
          ["POST", "", 200],
          ["GET", "/start", 200],
          ["GET", "/fail", 200],
          ["GET", "/0", 200],
          ["POST", "/2", 200],
          ["GET", "/log", 404], // v2.3
        ] as const) {
          const answer = await exchange(
            hc.url,
            method,
            `/ping/${pingKey}/${name}${suffix}`,
            method === "POST" ? "output\n" : undefined,
          );
          expect(answer.status, `${method} ${suffix}`).toBe(expected);
        }
        expect((await exchange(hc.url, "GET", `/ping/${pingKey}/no-such-${name}`)).text).toBe("not found");
        expect((await exchange(hc.url, "GET", `/ping/${pingKey}/no-such-${name}?create=1`)).status).toBe(404); // create: v2.10
        expect((await exchange(hc.url, "GET", `/ping/no-such-key/${name}`)).status).toBe(404);
        const twin = `ping-live-twin-${randomUUID().slice(0, 8)}`;
        await createCheck(twin);
        await createCheck(twin);
        const ambiguous = await exchange(hc.url, "GET", `/ping/${pingKey}/${twin}/fail`);
        expect([ambiguous.status, ambiguous.text]).toEqual([409, "ambiguous slug"]);
      });

      it("v1.23.0+: the lifecycle helper by slug; every ping shows up in listPings", async () => {
        const client = createHealthchecksPingClient({ baseUrl: hc.url });
        const checkName = `ping-live-run-${randomUUID().slice(0, 8)}`;
        const runCode = await createCheck(checkName);
        const run = await startRun(client, { pingKey: hc.pingKeys!.other, slug: checkName });
        await run.exitStatus(1, "exit 1\n");
        const again = await startRun(client, { code: runCode });
        await again.success();
        const { data, response } = await api.GET("/api/v1/checks/{code}/pings/", {
          params: { path: { code: runCode } },
        });
        expect(response.status).toBe(200);
        const pings = (data as { pings: { type: string; method: string }[] }).pings;
        expect(pings.map((p) => [p.type, p.method])).toEqual([
          ["success", "GET"],
          ["start", "GET"],
          ["fail", "POST"],
          ["start", "GET"],
        ]);
      });
    }
  });
}

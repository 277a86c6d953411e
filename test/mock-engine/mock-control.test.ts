// Mock control (scripts/mock-engine/mock-control.ts) against the test run's mocks, for every
// operation of every API: each Prefer value the docs show (the mock pages and the reference
// pages, scripts/docs/prefer-names.ts) is answered with that status and example, and a name or
// status the operation does not have answers the mock's own problem (404 application/problem+json,
// x-mock-error) listing exactly the statuses and example names the docs show.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { toTarget } from "../../scripts/testkit/example-requests.js";
import { deref, listOperations } from "../../scripts/openapi/openapi.js";
import { examplesByStatus, preferValue } from "../../scripts/docs/prefer-names.js";
import { rawRequest } from "../../scripts/testkit/bad-input.js";
import { loadSpec } from "../support/spec.js";

const apis = loadApis();

describe.each(apis.map((a) => a.name))("%s mock control", (api) => {
  it("answers every example's Prefer value with that status and example", async () => {
    const spec = await loadSpec(api);
    const url = inject("mockUrls")[api]!;
    const failures: string[] = [];
    for (const op of listOperations(spec)) {
      const target = toTarget(spec, op);
      for (const entry of examplesByStatus(spec, op)) {
        const response = deref<{ content?: Record<string, { examples?: Record<string, unknown> }> }>(
          spec,
          (op.operation.responses ?? {})[entry.status],
        );
        for (const name of entry.names) {
          const prefer = preferValue(entry, name);
          const answer = await rawRequest(
            url,
            { ...target, headers: { ...target.headers, Prefer: prefer } },
            target.body,
          );
          const label = `${target.label} Prefer: ${prefer}`;
          const status = entry.status.replace(/XX$/i, "00");
          if (String(answer.status) !== status || answer.headers["x-mock-error"]) {
            failures.push(`${label} → ${answer.status} ${answer.body.slice(0, 160)}`);
            continue;
          }
          // The example itself, in whichever media type has it.
          const values = Object.values(response.content ?? {}).flatMap((m) =>
            m.examples?.[name] ? [deref<{ value?: unknown }>(spec, m.examples[name]).value] : [],
          );
          const body =
            answer.body === ""
              ? undefined
              : /json/.test(answer.headers["content-type"] ?? "")
                ? JSON.parse(answer.body)
                : answer.body;
          if (!values.some((v) => JSON.stringify(v) === JSON.stringify(body ?? v)))
            failures.push(`${label}: the body is not the example ${name}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("refuses an unknown example and an undeclared status loudly, listing what the docs list", async () => {
    const spec = await loadSpec(api);
    const url = inject("mockUrls")[api]!;
    for (const op of listOperations(spec)) {
      const target = toTarget(spec, op);
      const listed = Object.fromEntries(examplesByStatus(spec, op).map((e) => [e.status, e.names]));
      const statuses = Object.keys(listed);
      for (const prefer of ["example=NoSuchExample", `code=${statuses.includes("418") ? 419 : 418}`]) {
        if (statuses.some((s) => /^4XX$/i.test(s) || s === "default") && prefer.startsWith("code=")) continue; // 418 would be declared
        const answer = await rawRequest(
          url,
          { ...target, headers: { ...target.headers, Prefer: prefer } },
          target.body,
        );
        const label = `${target.label} Prefer: ${prefer}`;
        expect(answer.status, label).toBe(404);
        expect(answer.headers["content-type"], label).toBe("application/problem+json");
        expect(answer.headers["x-mock-error"], label).toBe(
          prefer.startsWith("code=") ? "undeclared-status" : "unknown-example",
        );
        expect(answer.headers["sl-violations"], label).toContain("prefer");
        if (target.method === "HEAD") continue; // no body to read
        const problem = JSON.parse(answer.body) as {
          type: string;
          detail: string;
          statuses: string[];
          examples: Record<string, string[]>;
        };
        expect(problem.type).toBe("https://stoplight.io/prism/errors#NOT_FOUND");
        expect(problem.statuses, label).toEqual(statuses);
        expect(problem.examples, label).toEqual(listed);
        for (const names of Object.values(listed))
          for (const name of names) expect(problem.detail, label).toContain(name);
      }
      const unreadable = await rawRequest(
        url,
        { ...target, headers: { ...target.headers, Prefer: "code=abc" } },
        target.body,
      );
      expect(unreadable.status, `${target.label} Prefer: code=abc`).toBe(422);
      expect(unreadable.headers["x-mock-error"]).toBe("unreadable-prefer");
    }
  }, 120_000);
});

describe("a refused request that sent a body", () => {
  it("never gets an example saying there was no body (Livebridge's PUT /api/v1/controldata)", async () => {
    const spec = await loadSpec("livebridge");
    const url = inject("mockUrls").livebridge!;
    const op = listOperations(spec).find((o) => o.method === "put" && o.path === "/api/v1/controldata")!;
    const target = toTarget(spec, op);
    const put = (headers: Record<string, string>, body?: string) =>
      rawRequest(url, { ...target, headers: { ...target.headers, ...headers } }, body);
    // A JSON body the schema refuses, and JSON sent as text/plain: a body was sent.
    for (const [type, body] of [
      ["application/json", '{"auth": 5}'],
      ["text/plain", target.body!],
    ] as const) {
      const answer = await put({ "content-type": type }, body);
      expect(answer.status, type).toBe(400);
      expect(answer.body, type).not.toContain("No request body was found.");
    }
    // No body, or a form (which the server consumes as fields and then finds no body): the server's own words.
    expect((await put({ "content-type": "application/json" })).body).toContain("No request body was found.");
    expect((await put({ "content-type": "application/x-www-form-urlencoded" }, "auth=5")).body).toContain(
      "No request body was found.",
    );
  });
});

describe("the mock's own refusals cannot be taken for an API's answer", () => {
  it("no operation of any API documents an application/problem+json answer", async () => {
    for (const api of apis) {
      const spec = await loadSpec(api.name);
      for (const op of listOperations(spec)) {
        for (const [status, raw] of Object.entries(op.operation.responses ?? {})) {
          const types = Object.keys(deref<{ content?: object }>(spec, raw).content ?? {});
          expect(
            types.filter((t) => /problem\+json/i.test(t)),
            `${api.name} ${op.method} ${op.path} ${status}`,
          ).toEqual([]);
        }
      }
    }
  });
});

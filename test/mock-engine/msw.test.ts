// MSW handlers (scripts/serve/msw.ts) answer the generated clients in-process, at the clients'
// default base URLs, as the Prism mock does over a port: every operation's success matches the
// spec, missing credentials get the API's own 401, a bad body gets the documented error, and
// `Prefer: example=` picks a named example, an unknown one is refused loudly, and the handlers
// without their optional peers fail with the command that installs them. Unhandled requests fail
// the test (no network).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { mswPeerInstallCommand } from "../../scripts/generate/msw-source.js";
import { mswHandlers } from "../../scripts/serve/msw.js";
import { defaultServerUrl, listOperations } from "../../scripts/openapi/openapi.js";
import { buildRequest } from "../../scripts/openapi/request-builder.js";
import { CASES } from "../conformance/apis.js";
import { captureResponses, expectUnauthorizedProbe } from "../conformance/capture.js";
import { checkResponse } from "../conformance/response-check.js";
import { loadSpec } from "../support/spec.js";
import { projectDocsText } from "../support/readme-blocks.js";

const apis = loadApis();
const server = setupServer(...(await Promise.all(apis.map((a) => mswHandlers(a)))).flat());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

for (const api of apis) {
  const spec = await loadSpec(api.name);
  const apiCase = CASES[api.name]!;
  const baseUrl = defaultServerUrl(spec);

  describe(`${api.name} (MSW at ${baseUrl})`, () => {
    // First: MSW keeps cookies from mocked answers as a browser would, and Livebridge's login
    // sets its lb-db session cookie, which then authenticates later requests.
    if (apiCase.authProbe) {
      it("missing credentials → 401 with the API's own body", async () => {
        await expectUnauthorizedProbe(apiCase, baseUrl);
      });
    } else {
      it("takes no credentials: the spec declares none (conformance.test.ts checks the anonymous success)", () => {
        expect(spec.security ?? []).toEqual([]);
      });
    }

    it("answers every operation with a documented success that matches the spec", async () => {
      const client = await apiCase.client(baseUrl);
      const last = captureResponses(client);
      for (const op of listOperations(spec)) {
        const request = buildRequest(spec, op);
        await client[op.method.toUpperCase()](op.path, {
          params: request.params,
          ...(request.body !== undefined ? { body: request.body } : {}),
          parseAs: "text",
        });
        const res = last();
        expect(res.status, `${op.method} ${op.path}: ${res.text}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${op.method} ${op.path}: ${res.text}`).toBeLessThan(300);
        expect(checkResponse(spec, op.operation, res, op.method), `${op.method} ${op.path}`).toEqual([]);
      }
    });
  });
}

describe("healthchecks through MSW", () => {
  it("answers malformed JSON in the API's own words, and Prefer picks the example", async () => {
    const bad = await fetch("https://healthchecks.io/api/v1/checks/", {
      method: "POST",
      headers: { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" },
      body: "{bad",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "could not parse request body" });
    const empty = await fetch("https://healthchecks.io/api/v1/checks/", {
      headers: { "X-Api-Key": "a".repeat(32), Prefer: "example=NoChecks" },
    });
    expect(await empty.json()).toEqual({ checks: [] });
    const tooSmall = await fetch("https://healthchecks.io/api/v1/checks/", {
      method: "POST",
      headers: { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x", timeout: 59 }),
    });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.headers.get("sl-violations")).toMatch(/timeout/);
  });
});

describe("mock control through MSW", () => {
  it("an unknown Prefer example or undeclared status answers the mock's own problem, naming what exists", async () => {
    const headers = { "X-Api-Key": "a".repeat(32) };
    const unknown = await fetch("https://healthchecks.io/api/v1/checks/", {
      headers: { ...headers, Prefer: "example=NoSuchExample" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect(unknown.headers.get("x-mock-error")).toBe("unknown-example");
    const problem = (await unknown.json()) as { detail: string; examples: Record<string, string[]> };
    expect(problem.examples["200"]).toEqual(["TwoChecks", "NoChecks"]);
    expect(problem.detail).toContain("NoSuchExample");
    const undeclared = await fetch("https://healthchecks.io/api/v1/checks/", {
      headers: { ...headers, Prefer: "code=418" },
    });
    expect(undeclared.status).toBe(404);
    expect(undeclared.headers.get("x-mock-error")).toBe("undeclared-status");
    expect(((await undeclared.json()) as { statuses: string[] }).statuses).toEqual(["200", "400", "401", "405", "500"]);
  });
});

describe("openapi-five/<api>/msw without its optional peers", () => {
  it("fails with the exact command that installs them, the README's", async () => {
    // A project with the package but none of its peers: the generated module, as the package
    // ships it (compiled), in front of an engine whose `msw` import cannot be found.
    const { transformSync } = await import("esbuild");
    const dir = mkdtempSync(join(tmpdir(), "msw-peers-"));
    try {
      const pkg = join(dir, "node_modules/openapi-five");
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({
          name: "openapi-five",
          type: "module",
          exports: { "./msw": "./engine.js", "./healthchecks/msw": "./msw.js" },
        }),
      );
      writeFileSync(join(pkg, "engine.js"), 'export * from "msw";\n');
      writeFileSync(
        join(pkg, "msw.js"),
        transformSync(readFileSync(resolve(ROOT, "generated/healthchecks/msw.ts"), "utf8"), {
          loader: "ts",
          format: "esm",
        }).code,
      );
      const result = spawnSync(
        process.execPath,
        ["--input-type=module", "-e", 'await (await import("openapi-five/healthchecks/msw")).mswHandlers();'],
        { cwd: dir, encoding: "utf8" },
      );
      expect(result.status).not.toBe(0);
      const command = mswPeerInstallCommand();
      expect(command).toMatch(/^npm install --save-dev .*msw@/);
      expect(result.stderr).toContain(command);
      expect(projectDocsText().replace(/\s+/g, " ")).toContain(command);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

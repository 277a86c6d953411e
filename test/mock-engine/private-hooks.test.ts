// The hooks into other packages' private files (scripts/mock-engine/private-hooks.ts) still do their job
// with the installed versions: an upgrade that moves a chunk, a file or an export fails here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, type ApiEntry } from "../../scripts/registry/apis.js";
import { renderReference } from "../../scripts/docs/reference-page.js";
import { preselectingRoute } from "../../scripts/mock-engine/mock-router.js";
import {
  ajvCompiledDuring,
  FAKER,
  HOOKED_VERSIONS,
  PrivateHookError,
  prismRequestChecks,
  prismRouter,
  prismServerInternals,
  redocStandalonePath,
  redoclyBuildDocsHandler,
} from "../../scripts/mock-engine/private-hooks.js";
import { redoclyConfig } from "../../scripts/registry/redocly-config.js";

const workDir = mkdtempSync(join(tmpdir(), "private-hooks-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("@redocly/cli", () => {
  it("build-docs' chunk exports handlerBuildCommand, and it renders a page the reference renderer can split", async () => {
    expect(typeof (await redoclyBuildDocsHandler())).toBe("function");
    const api = { name: "tiny" } as ApiEntry;
    const doc = {
      openapi: "3.1.0",
      info: { title: "Tiny hook check", version: "1.0.0" },
      paths: { "/things": { get: { operationId: "listThings", responses: { "200": { description: "The things" } } } } },
    };
    const page = await renderReference(api, await redoclyConfig(), doc, "redoc.test.js", workDir);
    expect(page.html).toContain("Tiny hook check");
    expect(page.html).toContain('import("./redoc.test.js")');
    expect(JSON.parse(page.json).paths["/things"].get.operationId).toBe("listThings");
  }, 120_000);

  it("ships the Redoc bundle the pages load, an ES module exporting hydrate", () => {
    const text = readFileSync(redocStandalonePath(), "utf8");
    expect(text).toMatch(/export\s*\{[^}]*\bhydrate\b[^}]*\}\s*;?\s*$/);
  });
});

describe("@stoplight/prism-http's router", () => {
  const resources = [
    { id: "a", method: "get", path: "/things", servers: [], request: {}, responses: [] },
    { id: "b", method: "get", path: "/things/{id}", servers: [], request: {}, responses: [] },
    { id: "c", method: "post", path: "/things/{id}/tags", servers: [], request: {}, responses: [] },
  ];
  const input = (method: string, path: string) => ({ method, url: { path }, headers: {}, body: undefined });
  type Routed = { _tag: "Right"; right: { id: string } } | { _tag: "Left"; left: { name?: string; message: string } };

  it("routes a request to its operation, and answers no match or a wrong method with its errors", () => {
    for (const route of [prismRouter(), preselectingRoute]) {
      const routeTo = (method: string, path: string) =>
        route({ resources, input: input(method, path) } as never) as Routed;
      expect(routeTo("get", "/things/42")).toMatchObject({ _tag: "Right", right: { id: "b" } });
      expect(routeTo("post", "/things/42/tags")).toMatchObject({ _tag: "Right", right: { id: "c" } });
      expect(routeTo("get", "/nothing")).toMatchObject({
        _tag: "Left",
        left: { name: "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR" },
      });
      expect(routeTo("delete", "/things")).toMatchObject({
        _tag: "Left",
        left: { name: "https://stoplight.io/prism/errors#NO_METHOD_MATCHED_ERROR" },
      });
    }
  });
});

describe("@stoplight/prism-http's request checks", () => {
  const checks = prismRequestChecks();
  const operation = {
    method: "post",
    path: "/things/{id}",
    servers: [],
    responses: [],
    security: [[{ type: "http", scheme: "bearer", key: "bearer" }]],
    request: {
      path: [{ name: "id", style: "simple", required: true, schema: { type: "integer" } }],
      query: [{ name: "limit", style: "form", schema: { type: "integer", maximum: 10 } }],
      headers: [],
      body: {
        required: true,
        contents: [{ mediaType: "application/json", schema: { type: "object", required: ["name"] } }],
      },
    },
  };
  const input = (path: string, query: Record<string, string>, headers: Record<string, string>, body: unknown) => ({
    method: "post",
    url: { path, query },
    headers,
    body,
  });
  const good = input(
    "/things/4",
    { limit: "5" },
    { authorization: "Bearer t", "content-type": "application/json", "content-length": "12" },
    { name: "a" },
  );
  const tag = (result: { _tag: string }) => result._tag;

  it("validates security and input as a whole", () => {
    expect(tag(checks.validateSecurity({ resource: operation, element: good }))).toBe("Right");
    expect(tag(checks.validateInput({ resource: operation, element: good }))).toBe("Right");
    expect(tag(checks.validateSecurity({ resource: operation, element: { ...good, headers: {} } }))).toBe("Left");
    expect(tag(checks.validateInput({ resource: operation, element: { ...good, body: {} } }))).toBe("Left");
  });

  it("exposes the parts validateInput and validateSecurity are made of", () => {
    const { request } = operation;
    expect(
      tag(checks.validateBody({ name: "a" }, request.body.contents, 0, "application/json", undefined, undefined)),
    ).toBe("Right");
    expect(tag(checks.validateBody({}, request.body.contents, 0, "application/json", undefined, undefined))).toBe(
      "Left",
    );
    const bearer = checks.findSecurityHandler(operation.security[0]![0]);
    expect(bearer._tag).toBe("Right");
    if (bearer._tag === "Right") {
      expect(tag(bearer.right(good, ""))).toBe("Right");
      expect(tag(bearer.right({ headers: { authorization: "Basic x" } }, ""))).toBe("Left");
    }
    expect(tag(checks.noneSecurityHandler({ headers: {} }))).toBe("Right");
    expect(checks.parseMIMEHeader("multipart/form-data; boundary=xyz")).toEqual(["xyz", "multipart/form-data"]);
    expect(checks.wildcardMediaTypeMatch("application/json", "application/*")).toBe(true);
    expect(checks.wildcardMediaTypeMatch("text/plain", "application/json")).toBe(false);
  });

  it("exposes the parts validateBody is made of", () => {
    const schema = {
      allOf: [
        { type: "object", required: ["name"] },
        { properties: { id: { type: "integer", readOnly: true }, name: { type: "string" } } },
      ],
    };
    const prepared = checks.stripReadOnlyProperties(
      checks.mergeAllOf(schema, { deep: true, ignoreAdditionalProperties: true }),
    );
    expect(prepared._tag).toBe("Some");
    if (prepared._tag === "Some") {
      expect(prepared.value).not.toHaveProperty("allOf");
      expect(prepared.value).not.toHaveProperty("properties.id");
      expect(checks.validateAgainstSchema({ name: "a" }, prepared.value, false, 0, "body")._tag).toBe("None");
      expect(checks.validateAgainstSchema({ name: 1 }, prepared.value, false, 0, "body")._tag).toBe("Some");
      expect(checks.validateAgainstSchema({}, prepared.value, false, 0, "body")._tag).toBe("Some");
    }
    expect(checks.typeIs("multipart/form-data", ["application/x-www-form-urlencoded", "multipart/form-data"])).toBe(
      "multipart/form-data",
    );
    expect(checks.typeIs("application/json", ["application/x-www-form-urlencoded", "multipart/form-data"])).toBe(false);
  });
});

describe("@stoplight/prism-http's ajv", () => {
  const checks = prismRequestChecks();
  it("hands over the validator Prism compiles at a schema's first check, the one it keeps", () => {
    const schema = { type: "object", properties: { n: { type: "integer" } } };
    const compiled = ajvCompiledDuring(() => checks.validateAgainstSchema({ n: "x" }, schema, true, 0, "query"));
    expect(compiled).toHaveLength(1);
    const validate = compiled[0]!;
    expect(validate({ n: 1 })).toBe(true);
    expect(validate({ n: "2" })).toBe(true); // Prism's coercing instance, as asked
    expect(validate({ n: "x" })).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
    // Later checks of the same schema object use that validator: nothing is compiled again.
    expect(ajvCompiledDuring(() => checks.validateAgainstSchema({ n: 1 }, schema, true, 0, "query"))).toEqual([]);
  });
});

describe("@stoplight/prism-http-server's internals", () => {
  const { getHttpConfigFromRequest, serialize } = prismServerInternals();

  it("reads the mock preferences from a Prefer header", () => {
    const request = (prefer: string) => ({
      method: "get",
      url: { path: "/", query: {} },
      headers: { prefer },
      body: undefined,
    });
    expect(getHttpConfigFromRequest(request("code=404, example=notFound"))).toEqual({
      _tag: "Right",
      right: { code: 404, exampleKey: "notFound" },
    });
    expect(getHttpConfigFromRequest(request("dynamic=true"))).toEqual({ _tag: "Right", right: { dynamic: true } });
    expect(getHttpConfigFromRequest(request("code=abc"))).toMatchObject({ _tag: "Left" });
  });

  it("serialises bodies per media type", () => {
    expect(serialize({ a: 1 }, "application/json")).toBe('{"a":1}');
    expect(serialize({ a: 1 }, "application/problem+json")).toBe('{"a":1}');
    expect(serialize("plain", "text/plain")).toBe("plain");
  });
});

describe("Prism's faker, loaded on first use", () => {
  it("is not loaded with Prism, and is the real faker when used", () => {
    // A fresh process: the patch must come before anything has loaded Prism (or faker).
    const script = `
      import { createRequire } from "node:module";
      import ${JSON.stringify(pathToFileURL(join(ROOT, "scripts/serve/lazy-faker.ts")).href)};
      const require = createRequire(${JSON.stringify(pathToFileURL(join(ROOT, "package.json")).href)});
      // The faker Prism's mocker requires (postman-collection, loaded with Prism, has its own).
      const fakerEntry = createRequire(require.resolve("@stoplight/prism-http")).resolve("${FAKER}");
      const fakerDir = fakerEntry.slice(0, fakerEntry.lastIndexOf("/node_modules/${FAKER}/") + "/node_modules/${FAKER}/".length);
      const fakerLoaded = () => Object.keys(require.cache).some((file) => file.startsWith(fakerDir));
      require("@stoplight/prism-http");
      const afterPrism = fakerLoaded();
      const { faker } = require("${FAKER}");
      const beforeUse = fakerLoaded();
      const seed = typeof faker.seed;
      console.log(JSON.stringify({ afterPrism, beforeUse, seed, afterUse: fakerLoaded() }));`;
    const child = spawnSync(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split("\n").at(-1)!)).toEqual({
      afterPrism: false,
      beforeUse: false,
      seed: "function",
      afterUse: true,
    });
  }, 60_000);
});

describe("PrivateHookError", () => {
  it("names the package, its installed and expected versions, and what moved", () => {
    const error = new PrivateHookError("@stoplight/prism-http", "dist/router/index.js is gone");
    expect(error.message).toBe(
      `@stoplight/prism-http 5.12.0 (written for ${HOOKED_VERSIONS["@stoplight/prism-http"]}): dist/router/index.js is gone; update scripts/mock-engine/private-hooks.ts for this version`,
    );
  });

  it("the versions written for are the ones package.json pins", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(HOOKED_VERSIONS))
      expect(pkg.devDependencies[name], name).toBe(version);
  });
});

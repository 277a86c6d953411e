// The one runtime of the generated clients (generated/runtime/, source scripts/templates/runtime/)
// on its own: an openapi-fetch client over an injected fetch, as openapi-fetch's own tests do, no
// server. Errors (typed ApiError, no credential in any message), the request hooks, retries,
// pagination, the session, and that every API's client throws the same ApiError and
// PaginationError classes (that each API's paginate throws it: test/clients/pagination.test.ts).
import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import createClient from "openapi-fetch";
import { describe, expect, expectTypeOf, it } from "vitest";
import { loadApis, ROOT } from "../../scripts/registry/apis.js";
import { generatedDir } from "../../scripts/registry/generated-paths.js";
import { ApiError as HealthchecksApiError, createHealthchecksClient } from "../../generated/healthchecks/index.js";
import {
  ApiError as LightrunApiError,
  createLightrunClient,
  PaginationError as LightrunPaginationError,
} from "../../generated/lightrun/index.js";
import { createRunCloudClient, PaginationError as RunCloudPaginationError } from "../../generated/runcloud/index.js";
import {
  ApiError,
  PaginationError,
  Session,
  unwrap,
  type RetryEvent,
  type RetryOptions,
  type SessionConfig,
} from "../../generated/runtime/index.js";
import * as publicRuntime from "../../generated/runtime/index.js";
import * as internalRuntime from "../../generated/runtime/internal.js";
import {
  basicAuth,
  clampInt,
  defaultSleep,
  fractalNext,
  headerAuth,
  iteratePages,
  methodMemo,
  redactUrl,
  resolveRetryOptions,
  retryingFetch,
  retryPolicy,
  serializeBody,
  withDefinedErrors,
  withRequestMediaTypes,
  withResponseMediaTypes,
} from "../../generated/runtime/internal.js";

import { takeCacheFolder } from "../support/cache-folder.js";
import { run } from "../support/run.js";

const SECRET = "s3cret-token-0123456789";
const BASE = "http://127.0.0.1:9";

/** The shape openapi-typescript gives a path: one GET with a typed 200 and 401, one form POST. */
interface TestPaths {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: { token?: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
        401: { headers: { [name: string]: unknown }; content: { "application/json": { error: string } } };
        403: { headers: { [name: string]: unknown }; content: { "text/html": string } };
      };
    };
  };
  "/status": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "text/plain": "OK" } };
        202: { headers: { [name: string]: unknown }; content?: never };
        409: { headers: { [name: string]: unknown }; content: { "text/plain": string } };
      };
    };
  };
  "/forms": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: {
        content: { "application/x-www-form-urlencoded": { name: string; tag?: string[]; note?: string | null } };
      };
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
}

type Answer = (request: Request, attempt: number) => Response | Promise<Response>;

/** A fetch that records each request (method, URL, headers, body) and answers with `answer`. */
function fakeFetch(answer: Answer) {
  const seen: { method: string; url: string; headers: Headers; body: string }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    });
    return answer(request, seen.length);
  };
  return { fetch, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** A client wired as the generated ones are (body serializer, methodMemo, credentials, defined errors). */
function testClient(answer: Answer) {
  const { fetch, seen } = fakeFetch(answer);
  const client = createClient<TestPaths>({ baseUrl: BASE, fetch, bodySerializer: serializeBody });
  client.use(methodMemo, headerAuth({ Authorization: `Bearer ${SECRET}` }));
  const responses = {
    "/things/{id}": { get: { "200": "json", "401": "json", "403": "text" } },
    "/status": { get: { "200": "text", "202": "none", "409": "text" } },
    "/forms": { post: { "204": "none" } },
  };
  return {
    client: withDefinedErrors(
      withResponseMediaTypes(
        withRequestMediaTypes(client, { "/forms": { post: "application/x-www-form-urlencoded" } }),
        responses,
      ),
    ),
    seen,
  };
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

/** Everything an error shows: message, stack, JSON and its own fields. */
const shown = (err: unknown) =>
  `${String(err)} ${(err as Error).stack} ${JSON.stringify(err)} ${JSON.stringify({ ...(err as object) })}`;

describe("ApiError and unwrap", () => {
  it("unwrap returns the data of a success", async () => {
    const { client } = testClient(() => json({ id: "a" }));
    const data = unwrap(await client.GET("/things/{id}", { params: { path: { id: "a" } } }));
    expectTypeOf(data).toEqualTypeOf<{ id: string }>();
    expect(data).toEqual({ id: "a" });
  });

  it("throws ApiError with status, the typed body, method and a URL without query, and no credential", async () => {
    const { client, seen } = testClient(() => json({ error: "wrong api key" }, 401));
    const result = await client.GET("/things/{id}", { params: { path: { id: "a" }, query: { token: SECRET } } });
    expect(seen[0]!.headers.get("Authorization")).toBe(`Bearer ${SECRET}`);
    expect(seen[0]!.url).toContain(SECRET);
    const error = await rejection(() => unwrap(result));
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError<typeof result.error>;
    expectTypeOf(apiError.body).toEqualTypeOf<{ error: string } | string | undefined>();
    expect([apiError.name, apiError.status, apiError.body, apiError.method, apiError.url]).toEqual([
      "ApiError",
      401,
      { error: "wrong api key" },
      "GET",
      `${BASE}/things/a`,
    ]);
    expect(apiError.message).toBe(`GET ${BASE}/things/a failed with HTTP 401: wrong api key`);
    expect(shown(error)).not.toContain(SECRET);
  });

  it("gives a failed response without a body a defined error, `HTTP <status> <reason>`", async () => {
    const { client } = testClient(
      () => new Response(null, { status: 403, statusText: "Forbidden", headers: { "Content-Type": "text/html" } }),
    );
    const result = await client.GET("/things/{id}", { params: { path: { id: "a" } } });
    expect(result.error).toBe("HTTP 403 Forbidden");
    expect(((await rejection(() => unwrap(result))) as ApiError).message).toBe(
      `GET ${BASE}/things/a failed with HTTP 403`,
    );
  });

  it("redactUrl drops userinfo and the query", () => {
    expect(redactUrl(`https://user:${SECRET}@api.example/v1/x?key=${SECRET}#f`)).toBe("https://api.example/v1/x");
    expect(redactUrl(`/relative?key=${SECRET}`)).toBe("/relative");
  });
});

describe("reading answers as documented (no parseAs)", () => {
  const text = (body: string, status = 200) =>
    new Response(body, { status, headers: { "Content-Type": "text/plain" } });

  it("text is a string, typed as declared; JSON is parsed", async () => {
    const status = await testClient(() => text("OK")).client.GET("/status");
    expect(status.data).toBe("OK");
    expectTypeOf(status.data).toEqualTypeOf<"OK" | undefined>();
    expect(
      (await testClient(() => json({ id: "a" })).client.GET("/things/{id}", { params: { path: { id: "a" } } })).data,
    ).toEqual({ id: "a" });
  });

  it("no content is undefined: a 204, a status documenting none (even with a body), a HEAD", async () => {
    expect(
      (await testClient(() => new Response(null, { status: 204 })).client.POST("/forms", { body: { name: "a" } })).data,
    ).toBeUndefined();
    expect((await testClient(() => text("ignored", 202)).client.GET("/status")).data).toBeUndefined();
    expect((await testClient(() => text("", 200)).client.HEAD("/status" as never)).data).toBeUndefined();
  });

  it("an empty text body is the empty string, with or without Content-Length", async () => {
    expect((await testClient(() => text("")).client.GET("/status")).data).toBe("");
    const chunked = () =>
      new Response(new ReadableStream({ start: (c) => c.close() }), { headers: { "Content-Type": "text/plain" } });
    expect((await testClient(chunked).client.GET("/status")).data).toBe("");
  });

  it("an error documented as text stays its text even when it reads as JSON", async () => {
    expect((await testClient(() => text("42", 409)).client.GET("/status")).error).toBe("42");
    expect(
      (await testClient(() => json({ error: "no" }, 401)).client.GET("/things/{id}", { params: { path: { id: "a" } } }))
        .error,
    ).toEqual({ error: "no" });
  });

  it("an undocumented status is read by its Content-Type; a call's own parseAs wins", async () => {
    const { client } = testClient((req) => (req.url.endsWith("/a") ? text("{", 299) : json([1], 299)));
    expect((await client.GET("/things/{id}", { params: { path: { id: "a" } } })).data).toBe("{");
    expect((await client.GET("/things/{id}", { params: { path: { id: "b" } } })).data).toEqual([1]);
    expect((await testClient(() => text("OK")).client.GET("/status", { parseAs: "blob" })).data).toBeInstanceOf(Blob);
  });
});

describe("request hooks", () => {
  it("sends credentials unless the call sets the header itself", async () => {
    const { client, seen } = testClient(() => json({ id: "a" }));
    await client.GET("/things/{id}", { params: { path: { id: "a" } } });
    await client.GET("/things/{id}", { params: { path: { id: "a" } }, headers: { Authorization: "Bearer other" } });
    expect(seen.map((r) => r.headers.get("Authorization"))).toEqual([`Bearer ${SECRET}`, "Bearer other"]);
  });

  it("basicAuth encodes key and secret as UTF-8", () => {
    expect(basicAuth("ключ", "s:e")).toBe(`Basic ${Buffer.from("ключ:s:e").toString("base64")}`);
  });

  it("posts a form where the operation takes one: one field per array item, no null fields", async () => {
    const { client, seen } = testClient(() => new Response(null, { status: 204 }));
    await client.POST("/forms", { body: { name: "a b", tag: ["x", "y"], note: null } });
    expect(seen[0]!.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(seen[0]!.body).toBe("name=a+b&tag=x&tag=y");
  });

  it("serializes JSON by default and passes FormData and strings through", () => {
    expect(serializeBody({ a: [1] }, { "Content-Type": "application/json" })).toBe('{"a":[1]}');
    const form = new FormData();
    expect(serializeBody(form, new Headers())).toBe(form);
    expect(serializeBody("raw", undefined)).toBe("raw");
  });
});

describe("retries", () => {
  const sleeps: number[] = [];
  const options = (extra: RetryOptions = {}) =>
    resolveRetryOptions(
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra },
      { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0, statuses: [503] },
    );

  it("retries an idempotent request on a listed status, with exponential backoff, then succeeds", async () => {
    sleeps.length = 0;
    const events: RetryEvent[] = [];
    const { fetch, seen } = fakeFetch((_, attempt) =>
      attempt < 3 ? json({ error: "maintenance" }, 503) : json({ id: "a" }),
    );
    const response = await retryingFetch(
      fetch,
      options({ onRetry: (e) => events.push(e) }),
    )(new Request(`${BASE}/things/a?token=${SECRET}`));
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
    expect(events.map((e) => [e.attempt, e.status, e.delayMs, e.method, e.url])).toEqual([
      [1, 503, 100, "GET", `${BASE}/things/a`],
      [2, 503, 200, "GET", `${BASE}/things/a`],
    ]);
  });

  it("jitter takes a random fraction off each computed delay", async () => {
    sleeps.length = 0;
    const { fetch } = fakeFetch((_, attempt) => (attempt < 3 ? json({}, 503) : json({})));
    await retryingFetch(fetch, options({ jitter: 0.5 }))(new Request(`${BASE}/x`));
    expect(sleeps).toEqual([75, 150]);
  });

  it("waits as Retry-After says, and returns the answer at once when it asks for longer than maxDelayMs", async () => {
    sleeps.length = 0;
    const short = fakeFetch((_, attempt) => (attempt === 1 ? json({}, 503, { "Retry-After": "1" }) : json({})));
    expect((await retryingFetch(short.fetch, options())(new Request(`${BASE}/x`))).status).toBe(200);
    expect(sleeps).toEqual([1000]);
    const long = fakeFetch(() => json({}, 503, { "Retry-After": "5" }));
    expect((await retryingFetch(long.fetch, options())(new Request(`${BASE}/x`))).status).toBe(503);
    expect(long.seen).toHaveLength(1);
  });

  it("retries POST only when asked to, sending the body again each time", async () => {
    const once = fakeFetch(() => json({}, 503));
    await retryingFetch(once.fetch, options())(new Request(`${BASE}/x`, { method: "POST", body: "a=1" }));
    expect(once.seen).toHaveLength(1);
    const thrice = fakeFetch(() => json({}, 503));
    const response = await retryingFetch(
      thrice.fetch,
      options({ methods: ["post"] }),
    )(new Request(`${BASE}/x`, { method: "POST", body: "a=1" }));
    expect(response.status).toBe(503);
    expect(thrice.seen.map((r) => r.body)).toEqual(["a=1", "a=1", "a=1"]);
  });

  it("a client whose retries run out throws ApiError with the last status and no credential", async () => {
    const { fetch, seen } = fakeFetch(() => json({ message: "Too Many Attempts." }, 429));
    const client = createRunCloudClient({
      baseUrl: BASE,
      token: SECRET,
      fetch,
      retry: { attempts: 2, sleep: async () => {} },
    });
    const error = await rejection(async () => unwrap(await client.GET("/servers")));
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(shown(error)).not.toContain(SECRET);
  });

  it("retryPolicy gives an API's createRetryFetch: its defaults under the caller's options, `false` for none", async () => {
    sleeps.length = 0;
    const createRetryFetch = retryPolicy({ attempts: 2, baseDelayMs: 10, maxDelayMs: 10, jitter: 0, statuses: [429] });
    const { fetch, seen } = fakeFetch(() => json({}, 429));
    expect(createRetryFetch(fetch, false)).toBe(fetch);
    await createRetryFetch(fetch, { sleep: async (ms) => void sleeps.push(ms) })(new Request(`${BASE}/x`));
    await createRetryFetch(fetch, { attempts: 3, sleep: async (ms) => void sleeps.push(ms) })(new Request(`${BASE}/x`));
    expect([seen.length, sleeps]).toEqual([5, [10, 10, 10]]);
  });

  it("rejects nonsense options, and a wait ends when the request is aborted", async () => {
    expect(() => options({ attempts: 0 })).toThrow(RangeError);
    expect(() => options({ jitter: 2 })).toThrow(RangeError);
    const controller = new AbortController();
    const waiting = defaultSleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});

describe("pagination", () => {
  it("fetches a page only when its first item is asked for", async () => {
    const fetched: number[] = [];
    const items = iteratePages(1, async (page: number) => {
      fetched.push(page);
      return { items: [`item ${page}.1`, `item ${page}.2`], next: page + 1 };
    });
    const taken: string[] = [];
    for await (const item of items) {
      taken.push(item);
      if (taken.length === 3) break;
    }
    expect([taken, fetched]).toEqual([
      ["item 1.1", "item 1.2", "item 2.1"],
      [1, 2],
    ]);
  });

  it("throws PaginationError rather than fetch a cursor twice", async () => {
    const error = await rejection(async () => {
      for await (const _ of iteratePages(
        0,
        async (offset: number) => ({ items: [offset], next: offset === 0 ? 10 : 0 }),
        (o) => `offset ${o}`,
      ));
    });
    expect(error).toBeInstanceOf(PaginationError);
    expect([(error as PaginationError).name, (error as PaginationError).cursor]).toEqual([
      "PaginationError",
      "offset 0",
    ]);
  });

  it("fractalNext: total_pages, then links.next, then a short page end the list", () => {
    expect(fractalNext({ current_page: 1, total_pages: 2 }, 1, 40, 40)).toBe(2);
    expect(fractalNext({ current_page: 2, total_pages: 2 }, 2, 40, 40)).toBeUndefined();
    expect(fractalNext({ current_page: 1, links: { next: "https://x/list?page=3" } }, 1, 5, undefined)).toBe(3);
    expect(fractalNext({ current_page: 3, links: { next: "https://x/list?page=1" } }, 3, 5, undefined)).toBe(4);
    expect(fractalNext({ current_page: 1, links: [] }, 1, 5, undefined)).toBeUndefined();
    expect(fractalNext(undefined, 4, 40, 40)).toBe(5);
    expect(fractalNext(undefined, 4, 39, 40)).toBeUndefined();
    expect(fractalNext({ total_pages: 9 }, 1, 0, 40)).toBeUndefined();
  });

  it("clampInt keeps a page size in range", () => {
    expect([
      clampInt(5000, 1, 1000, 1000),
      clampInt(0, 1, 40, 40),
      clampInt(7.9, 1, 40, 40),
      clampInt("7", 1, 40, 40),
    ]).toEqual([1000, 1, 7, 40]);
  });
});

describe("Session", () => {
  it("logs in with a form, sends the token, renews it once on a 401, and shows neither password nor token", async () => {
    let valid = "token-1";
    const { fetch, seen } = fakeFetch((request) => {
      if (new URL(request.url).pathname === "/api/v1/session") return json({ token: valid });
      return request.headers.get("X-Auth-Token") === valid
        ? json({ ok: true })
        : json({ error: "Invalid token." }, 401);
    });
    const session = new Session({
      baseUrl: `${BASE}/`,
      loginPath: "/api/v1/session",
      tokenHeader: "X-Auth-Token",
      fetch,
    });
    await session.login("admin", SECRET);
    expect(seen[0]!.body).toBe(`username=admin&password=${SECRET}`);
    expect((await session.fetch(new Request(`${BASE}/data`))).status).toBe(200);
    valid = "token-2";
    expect((await session.fetch(new Request(`${BASE}/data`))).status).toBe(200);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get("X-Auth-Token")}`)).toEqual([
      "POST /api/v1/session null",
      "GET /data token-1",
      "GET /data token-1",
      "POST /api/v1/session null",
      "GET /data token-2",
    ]);
    expect(JSON.stringify(session)).toBe('{"hasToken":true}');
  });

  it("a refused login throws ApiError without the password", async () => {
    const { fetch } = fakeFetch(() => json({ error: "Invalid username or password." }, 401));
    const session = new Session({ baseUrl: BASE, loginPath: "/api/v1/session", tokenHeader: "X-Auth-Token", fetch });
    const error = await rejection(session.login("admin", SECRET));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `POST ${BASE}/api/v1/session failed with HTTP 401: Invalid username or password.`,
    );
    expect(shown(error)).not.toContain(SECRET);
  });
});

describe("one runtime for every API", () => {
  it("each API's index exports the runtime's own ApiError and PaginationError", () => {
    expect(HealthchecksApiError).toBe(ApiError);
    expect(LightrunApiError).toBe(ApiError);
    expect(LightrunPaginationError).toBe(PaginationError);
    expect(RunCloudPaginationError).toBe(PaginationError);
  });

  it("errors thrown by two APIs' clients are instances of the one ApiError", async () => {
    const { fetch } = fakeFetch(() => json({ error: "wrong api key" }, 401));
    const hc = createHealthchecksClient({ baseUrl: BASE, apiKey: SECRET, fetch });
    const lightrun = createLightrunClient({ baseUrl: BASE, token: SECRET, fetch });
    const errors = [
      await rejection(async () => unwrap(await hc.GET("/api/v1/checks/"))),
      await rejection(async () => unwrap(await lightrun.GET("/api/v1/agent-pools"))),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(HealthchecksApiError);
      expect(error).toBeInstanceOf(LightrunApiError);
      expect(shown(error)).not.toContain(SECRET);
    }
  });
});

describe("the public runtime (openapi-five/runtime)", () => {
  it("exports only what a user catches, calls, passes or names: the machinery is in internal.js", () => {
    expect(Object.keys(publicRuntime).sort()).toEqual([
      "ApiError",
      "IDEMPOTENT_METHODS",
      "PaginationError",
      "Session",
      "unwrap",
    ]);
    // The types a user writes: the retry option, what onRetry gets, a Session's config.
    expectTypeOf<RetryOptions["onRetry"]>().toEqualTypeOf<((event: RetryEvent) => void) | undefined>();
    expectTypeOf<ConstructorParameters<typeof Session>[0]>().toEqualTypeOf<SessionConfig>();
    expect(Object.keys(internalRuntime).filter((name) => name in publicRuntime)).toEqual([]);
  });

  it("no module of generated/<api>/ passes on a name of internal.js: an API's index shows only the public runtime", () => {
    const leaks: string[] = [];
    for (const api of loadApis()) {
      for (const file of readdirSync(generatedDir(api.name)).filter((f) => f.endsWith(".ts"))) {
        const source = readFileSync(join(generatedDir(api.name), file), "utf8");
        if (/^export [^;]*from "\.\.\/runtime\/internal\.js"/m.test(source)) leaks.push(`${api.name}/${file}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe("a copied client", () => {
  it("generated/<api>/ and generated/runtime/ copied side by side (as the README says) compile and run on their own", () => {
    // A folder kept between runs (test/support/cache-folder.ts), for tsc's incremental build info:
    // tsc compares files by content, so an unchanged copy is not checked again (~1.5 CPU-s).
    const cache = takeCacheFolder(resolve(ROOT, "node_modules/.cache/openapi-five-copied-client"));
    const dir = cache.dir;
    const BUILD_INFO = "copied.tsbuildinfo";
    try {
      // Everything but the build info is written afresh: nothing of an earlier run's copy stays.
      for (const entry of readdirSync(dir))
        if (!["lock", BUILD_INFO].includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
      symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
      for (const folder of ["livebridge", "runtime"])
        cpSync(generatedDir(folder), join(dir, "vendor", folder), {
          recursive: true,
          filter: (src) => !/(msw\.ts|\.json|\.yaml)$/.test(src),
        });
      writeFileSync(
        join(dir, "usage.ts"),
        `import { ApiError, createLivebridgeClient } from "./vendor/livebridge/index.js";
const refuse = async () => new Response(JSON.stringify({ error: "Invalid username or password." }), { status: 401, headers: { "Content-Type": "application/json" } });
const error = await createLivebridgeClient({ fetch: refuse }).login("admin", "pw").then(() => undefined, (e: unknown) => e);
if (!(error instanceof ApiError) || error.status !== 401) throw new Error(\`expected ApiError 401, got \${error}\`);
console.log(error.message);
`,
      );
      const tsc = resolve(ROOT, "node_modules/typescript/bin/tsc");
      // No Node types: the clients and the runtime use only what fetch-capable runtimes have.
      const compilerOptions = {
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        types: [],
        skipLibCheck: true,
      };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["usage.ts"] }));
      expect(
        run(process.execPath, [tsc, "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", BUILD_INFO], {
          cwd: dir,
        }),
      ).toBe("");
      expect(run(process.execPath, ["--import", "tsx", "usage.ts"], { cwd: dir }).trim()).toBe(
        "POST http://localhost:8080/api/v1/session failed with HTTP 401: Invalid username or password.",
      );
    } finally {
      cache.release();
    }
  });
});

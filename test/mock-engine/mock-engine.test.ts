// The mock engine's shortcuts (scripts/mock-engine/) choose and answer exactly what Prism's own
// pipeline does, for every operation of every API, on valid requests and on broken ones:
// - the route table returns the operation Prism's router returns (none where Prism answers 404/405);
// - the clean check (Prism's checks composed with per-operation preparation) agrees with Prism's
//   validateSecurity + validateInput, also on every operation's body broken in every way we know
//   (wrong types, a field missing, not JSON, other media types, form and multipart bodies);
// - an answer replayed from the answer cache is the answer Prism's whole pipeline writes
//   (status, headers in order, body), with and without Prefer and Accept.
import { describe, expect, it, vi } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { HTTP_METHODS, listOperations } from "../../scripts/openapi/openapi.js";
import { mockServerOptions } from "../../scripts/serve/mock.js";
import { PrismAnswers } from "../../scripts/mock-engine/mock-answer.js";
import { createMockHandler } from "../../scripts/mock-engine/mock-handler.js";
import { decodeBody } from "../../scripts/mock-engine/mock-http.js";
import { RouteTable } from "../../scripts/mock-engine/mock-router.js";
import {
  cleanCheck,
  prismFindsNothing,
  readInputBody,
  requestInput,
} from "../../scripts/mock-engine/mock-validation.js";
import { prismRouter } from "../../scripts/mock-engine/private-hooks.js";
import type { MockReply, Operation } from "../../scripts/mock-engine/mock-types.js";
import { toTarget, type ExampleRequest } from "../../scripts/testkit/example-requests.js";
import { loadSpec } from "../support/spec.js";

const apis = loadApis();

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request as node:http hands it over: lower-case header names, Content-Length for a body. */
function sent(method: string, url: string, headers: Record<string, string>, body?: string): Sent {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (body !== undefined) lower["content-length"] = String(Buffer.byteLength(body));
  return { method, url, headers: lower, ...(body !== undefined ? { body } : {}) };
}

const CREDENTIALS = /^(authorization|x-api-key|x-auth-token|cookie)$/i;

/** The example request and what breaks it: credentials, body, media type, parameters. */
function variants(t: ExampleRequest): Sent[] {
  const [path, query = ""] = t.path.split("?");
  const withQuery = (q: string) => (q ? `${path}?${q}` : path!);
  const noCredentials = Object.fromEntries(Object.entries(t.headers).filter(([k]) => !CREDENTIALS.test(k)));
  const wrongCredentials = Object.fromEntries(
    Object.entries(t.headers).map(([k, v]) => [
      k,
      CREDENTIALS.test(k) ? (k.toLowerCase() === "authorization" ? "Token abc" : "") : v,
    ]),
  );
  const json = { ...t.headers, "content-type": "application/json" };
  const out = [
    sent(t.method, t.path, t.headers, t.body),
    sent(t.method, t.path, noCredentials, t.body),
    sent(t.method, t.path, wrongCredentials, t.body),
    sent(t.method, t.path, t.headers),
    sent(t.method, t.path, json, "{}"),
    sent(t.method, t.path, json, "[1]"),
    sent(t.method, t.path, { ...t.headers, "content-type": "text/plain" }, "hello"),
    sent(t.method, withQuery(""), t.headers, t.body),
    sent(t.method, withQuery(query.replace(/=[^&]*/g, "=abc")), t.headers, t.body),
    sent(t.method, withQuery(`${query}${query ? "&" : ""}zz_unknown=1`), t.headers, t.body),
    sent(t.method, t.path.replace(/\/[^/?]*(\?|$)/, "/-1$1"), t.headers, t.body),
  ];
  if (t.body?.startsWith("{")) out.push(sent(t.method, t.path, json, t.body.replace(/:\s*"[^"]*"/, ": 12345")));
  return out;
}

/** Every API's Prism operations and each operation's requests. */
const cases = await Promise.all(
  apis.map(async (api) => {
    const spec = await loadSpec(api.name);
    const { operations, options } = await mockServerOptions(api);
    const requests = listOperations(spec).map((op) => ({ op, target: toTarget(spec, op) }));
    return { api, operations, options, requests };
  }),
);

describe("the route table", () => {
  const route = prismRouter();
  it.each(cases.map((c) => [c.api.name, c] as const))(
    "%s: routes every request as Prism's router does",
    (_name, { operations, requests }) => {
      const table = new RouteTable(operations);
      const paths = new Set<string>(["/", "/nope", "//", "/%zz", "/%E2%82%AC", "/{id}", "/a%2Fb/%zz"]);
      for (const { op, target } of requests) {
        const path = target.path.split("?")[0]!;
        for (const p of [path, `${path}/`]) paths.add(p);
        for (const fill of ["", "a%2Fb"]) paths.add(op.path.replace(/\{[^}]+\}/g, fill));
      }
      // The methods the document uses, and one it does not (Prism's 405).
      const methods = HTTP_METHODS.filter((m) => m === "trace" || requests.some(({ op }) => op.method === m));
      let routed = 0;
      for (const path of paths) {
        for (const method of methods) {
          const prism = route({
            resources: operations,
            input: { method, url: { path }, headers: {}, body: undefined },
          } as never) as { _tag: string; right?: Operation };
          const expected = prism._tag === "Right" ? prism.right : undefined;
          const got = table.route(method, path);
          expect(got && `${got.method} ${got.path}`, `${method} ${path}`).toBe(
            expected && `${expected.method} ${expected.path}`,
          );
          if (expected) routed++;
        }
      }
      expect(routed).toBeGreaterThanOrEqual(requests.length);
    },
  );
});

describe("the request input", () => {
  /** The path and query as the WHATWG URL parser reads them: what requestInput must agree with. */
  function viaUrl(target: string) {
    const url = new URL(target, "http://mock.invalid");
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    return { path: url.pathname, baseUrl: (url.search && url.searchParams.get("__server")) || undefined, query };
  }
  const targets = new Set<string>([
    "/",
    "/?",
    "/a?",
    "/a?&",
    "/a?=",
    "/a?=1",
    "/a?x",
    "/a?x=&y",
    "/a?x=1&x=2&y=3&x=4",
    "/a?x=a=b",
    "/a?x=1?y=2",
    "/a?x=a+b",
    "/a?x=%41%zz%E2%82%AC",
    "/a?x='1'",
    '/a?x="1"',
    "/a?x=<1>",
    "/a?x=1#frag",
    "/a#frag",
    "/a?__server=http://x.test/v1&__server=2",
    "/a?__server=",
    "/a?__code=400&__example=bad",
    "/a?constructor=1&__proto__=2&toString=3",
    "//a/b",
    "/a//b",
    "/a/./b",
    "/a/../b",
    "/a/%2e%2E/b",
    "/a/.hidden",
    "/a/b/..",
    "/a\\b",
    "/a b",
    "/a%20b",
    "/a/%zz",
    "/{id}",
    "/a|b^c`d",
    "/é?ü=ö",
    "/a+b?c",
    "/a\tb",
    "*",
    "http://other.test/x?y=1",
  ]);
  for (const { requests } of cases) for (const { target } of requests) targets.add(target.path);
  it("reads every request target's path and query as the URL parser does", () => {
    for (const target of targets) {
      const input = requestInput({ method: "GET", url: target, headers: {} });
      expect(input.url, target).toEqual(viaUrl(target));
      expect(Object.keys(input.url.query), target).toEqual(Object.keys(viaUrl(target).query));
    }
  });
});

function inputOf(request: Sent) {
  const input = requestInput(request);
  const findings = readInputBody(
    input,
    request.body === undefined ? { kind: "none" } : decodeBody(Buffer.from(request.body)),
  );
  return { input, findings };
}

describe("the clean check", () => {
  it.each(cases.map((c) => [c.api.name, c] as const))(
    "%s: agrees with Prism's validateSecurity and validateInput",
    (_name, { operations, options, requests }) => {
      const table = new RouteTable(operations);
      // Each operation's check prepared once, as the handler prepares it.
      const checks = new Map<Operation, ReturnType<typeof cleanCheck>>();
      const checkOf = (operation: Operation) => {
        let check = checks.get(operation);
        if (!check) checks.set(operation, (check = cleanCheck(operation, options.config)));
        return check;
      };
      let clean = 0;
      let unclean = 0;
      for (const { target } of requests) {
        for (const request of variants(target)) {
          const { input, findings } = inputOf(request);
          const operation = table.route(input.method, input.url.path);
          if (!operation || findings.problems.length) continue;
          const prism = prismFindsNothing(operation, input, options.config);
          expect(
            checkOf(operation)(input),
            `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${request.body ?? ""}`,
          ).toBe(prism);
          if (prism) clean++;
          else unclean++;
        }
      }
      expect(clean).toBeGreaterThanOrEqual(requests.length / 2);
      expect(unclean).toBeGreaterThan(0);
    },
  );
});

/** Each top-level field of a JSON object body given a value of another type. */
function wrongTypes(value: Record<string, unknown>): Record<string, unknown>[] {
  const other = (v: unknown): unknown[] =>
    typeof v === "string"
      ? [12345, null]
      : typeof v === "number" || typeof v === "boolean"
        ? ["abc", {}]
        : Array.isArray(v)
          ? ["abc", {}]
          : v && typeof v === "object"
            ? [[], "abc"]
            : ["abc", 1];
  return Object.keys(value).flatMap((k) => other(value[k]).map((v) => ({ ...value, [k]: v })));
}

/** Bodies that break a request's body: wrong types, a field missing, not JSON, other media types, forms. */
function bodyVariants(t: ExampleRequest): Sent[] {
  const type = t.headers["content-type"] ?? "application/json";
  const json = (body: string, contentType = "application/json") =>
    sent(t.method, t.path, { ...t.headers, "content-type": contentType }, body);
  let value: unknown;
  try {
    value = t.body === undefined ? undefined : JSON.parse(t.body);
  } catch {
    value = Object.fromEntries(new URLSearchParams(t.body));
  }
  const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const fields = Object.entries(object).map(
    ([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)] as [string, string],
  );
  const boundary = "----h21boundary";
  const multipart =
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
    `--${boundary}--\r\n`;
  const form = new URLSearchParams(fields).toString();
  return [
    ...(t.body !== undefined
      ? [
          json(t.body, type),
          json(t.body, `${type}; charset=utf-8`),
          json(t.body, "application/vnd.api+json"),
          json(t.body, "text/plain"),
        ]
      : []),
    ...wrongTypes(object).map((v) => json(JSON.stringify(v), type)),
    ...Object.keys(object).map((k) =>
      json(JSON.stringify(Object.fromEntries(Object.entries(object).filter(([n]) => n !== k))), type),
    ),
    json("{}"),
    json("[]"),
    json('"text"'),
    json("null"),
    json("42"),
    json('{"a":', type),
    sent(
      t.method,
      t.path,
      Object.fromEntries(Object.entries(t.headers).filter(([k]) => k !== "content-type")),
      t.body ?? "{}",
    ),
    json(form, "application/x-www-form-urlencoded"),
    json(`${form}&zz_extra=%zz&zz_plus=a+b&%zz=1`, "application/x-www-form-urlencoded"),
    json(form.replace(/=/g, "=+"), "application/x-www-form-urlencoded"),
    json("", "application/x-www-form-urlencoded"),
    json(multipart, `multipart/form-data; boundary=${boundary}`),
    json(multipart, "multipart/form-data"),
    json("a,b", "text/csv"),
  ];
}

describe("the body check", () => {
  it.each(cases.map((c) => [c.api.name, c] as const))(
    "%s: agrees with Prism's validateBody on valid and broken bodies",
    (_name, { operations, options, requests }) => {
      const table = new RouteTable(operations);
      const checked = new Set<Operation>();
      let clean = 0;
      let unclean = 0;
      for (const { op, target } of requests) {
        const operation = table.route(target.method, target.path.split("?")[0]!);
        if (!operation || !op.operation.requestBody) continue;
        checked.add(operation);
        const check = cleanCheck(operation, options.config);
        for (const request of bodyVariants(target)) {
          const label = `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${request.body ?? ""}`;
          // As the engine reads it, and also its raw text (as Prism would see a body it cannot parse).
          const { input } = inputOf(request);
          const raw = { ...input, body: request.body };
          for (const given of [input, raw]) {
            const prism = prismFindsNothing(operation, given, options.config);
            expect(check(given), label).toBe(prism);
            if (prism) clean++;
            else unclean++;
          }
        }
      }
      expect(checked.size, "operations with a body").toBeGreaterThan(0);
      expect(clean).toBeGreaterThanOrEqual(checked.size);
      expect(unclean).toBeGreaterThan(checked.size);
    },
  );
});

describe("the body check on forms", () => {
  // No document here has a form field that is not a string: an operation that has (types coerced
  // from the form's text, required fields, an allOf, readOnly, a multipart alternative).
  const schema = {
    allOf: [
      { type: "object", required: ["name", "count"] },
      {
        properties: {
          name: { type: "string", minLength: 2, pattern: "^[^+]*$" },
          count: { type: "integer", maximum: 10 },
          on: { type: "boolean" },
          id: { type: "integer", readOnly: true },
        },
        additionalProperties: false,
      },
    ],
  };
  const operation = {
    method: "post",
    path: "/things",
    servers: [],
    responses: [{ code: "200", contents: [] }],
    request: {
      body: {
        required: true,
        contents: [
          { mediaType: "application/x-www-form-urlencoded", schema },
          { mediaType: "multipart/form-data", schema },
          { mediaType: "application/json", schema },
        ],
      },
    },
  } as unknown as Operation;
  const config = cases[0]!.options.config;
  const check = cleanCheck(operation, config);
  const forms = [
    "name=ab&count=3",
    "name=ab&count=3&on=true",
    "name=a+b&count=3",
    "name=a&count=3",
    "name=ab&count=11",
    "name=ab&count=x",
    "name=ab",
    "name=ab&count=3&id=4",
    "name=ab&count=3&other=1",
    "name=%zz&count=3",
    "%zz=1&name=ab&count=3",
    "name=ab&count=3&on=maybe",
    "",
    "name=ab&name=cd&count=3",
    "count=3&name=%E2%82%AC%E2%82%AC",
  ];
  it.each(forms)("agrees with Prism's validateBody on the form %j", (form) => {
    for (const contentType of [
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded; charset=utf-8",
      "multipart/form-data; boundary=b",
      "application/json",
      undefined,
    ]) {
      const headers: Record<string, string> = {
        "content-length": String(form.length),
        ...(contentType ? { "content-type": contentType } : {}),
      };
      const { input } = inputOf({ method: "POST", url: "/things", headers, body: form });
      const raw = { ...input, body: form };
      for (const given of [input, raw])
        expect(check(given), `${contentType} ${form}`).toBe(prismFindsNothing(operation, given, config));
    }
  });
  it("checks a JSON body without the form's type coercion, whichever came first", () => {
    // One schema serves the form and the JSON body. Prism keeps one compiled validator per schema
    // object, coercing or not as the first check of it asked, so its own verdict on a JSON body
    // depends on which came first; the mock checks each as Prism checks it first, in a fresh
    // process (here: on a fresh copy of the operation, each time).
    const requests = [
      ["application/x-www-form-urlencoded", "name=ab&count=3"],
      ["application/json", '{"name":"ab","count":"3"}'],
      ["application/json", '{"name":"ab","count":3}'],
    ] as const;
    const verdicts = requests.map(([contentType, body]) => {
      const headers = { "content-type": contentType, "content-length": String(body.length) };
      const { input } = inputOf({ method: "POST", url: "/things", headers, body });
      const fresh = prismFindsNothing(structuredClone(operation), structuredClone(input), config);
      expect(check(input), `${contentType} ${body}`).toBe(fresh);
      return fresh;
    });
    expect(verdicts).toEqual([true, false, true]);
  });
  it("finds forms clean and unclean", () => {
    const verdicts = forms.map((form) =>
      check(
        inputOf({
          method: "POST",
          url: "/things",
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(form.length) },
          body: form,
        }).input,
      ),
    );
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});

describe("the parameter checks", () => {
  // Parameter kinds and styles the documents here use little or not at all.
  const operation = {
    method: "get",
    path: "/things/{id}",
    servers: [],
    responses: [{ code: "200", contents: [] }],
    request: {
      path: [{ name: "id", style: "simple", required: true, schema: { type: "integer", minimum: 1 } }],
      query: [
        { name: "limit", style: "form", schema: { type: "integer", maximum: 10 } },
        {
          name: "Tags",
          style: "form",
          explode: true,
          schema: { type: "array", items: { type: "string", minLength: 2 } },
        },
        { name: "ids", style: "pipeDelimited", schema: { type: "array", items: { type: "integer" } } },
        {
          name: "filter",
          style: "deepObject",
          explode: true,
          schema: { type: "object", properties: { n: { type: "integer" } } },
        },
        { name: "old", deprecated: true, schema: { type: "string" } },
        { name: "flag", required: true, schema: { type: "boolean" } },
      ],
      headers: [
        { name: "X-Count", style: "simple", required: true, schema: { type: "integer" } },
        { name: "x-list", style: "simple", schema: { type: "array", items: { type: "integer" } } },
      ],
    },
  } as unknown as Operation;
  const config = cases[0]!.options.config;
  const check = cleanCheck(operation, config);
  const urls = [
    "/things/4?flag=true",
    "/things/0?flag=true",
    "/things/x?flag=true",
    "/things/4",
    "/things/4?flag=maybe",
    "/things/4?flag=true&limit=3",
    "/things/4?flag=true&limit=30",
    "/things/4?flag=true&limit=",
    "/things/4?flag=true&limit=0",
    "/things/4?flag=true&tags=ab&tags=cd",
    "/things/4?flag=true&Tags=ab&Tags=c",
    "/things/4?flag=true&ids=1|2",
    "/things/4?flag=true&ids=1|x",
    "/things/4?flag=true&filter[n]=2",
    "/things/4?flag=true&filter[n]=x",
    "/things/4?flag=true&old=1",
    "/things/4?flag=true&old=",
    "/things/4?flag=&limit=1",
    "/things/4/x?flag=true",
  ];
  const headerSets: Record<string, string>[] = [
    { "x-count": "2" },
    { "x-count": "x" },
    {},
    { "X-COUNT": "2" },
    { "x-count": "0" },
    { "x-count": "2", "x-list": "1,2" },
    { "x-count": "2", "x-list": "1,b" },
  ];
  it.each(urls)("agrees with Prism's validateInput on %s", (url) => {
    for (const headers of headerSets) {
      const input = requestInput({ method: "GET", url, headers });
      expect(check(input), `${url} ${JSON.stringify(headers)}`).toBe(prismFindsNothing(operation, input, config));
    }
  });
  it("finds requests clean and unclean", () => {
    const verdicts = urls.map((url) =>
      check(requestInput({ method: "GET", url, headers: { "x-count": "2", "x-list": "1,2" } })),
    );
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});

/** Collects what the handler writes. */
class Recorder implements MockReply {
  statusCode = 200;
  headers: [string, unknown][] = [];
  payload: string | undefined;
  setHeader(name: string, value: string | number | readonly string[]) {
    this.headers = this.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
    this.headers.push([name.toLowerCase(), value]);
  }
  getHeader(name: string) {
    return this.headers.find(([n]) => n === name.toLowerCase())?.[1];
  }
  end(payload?: string) {
    this.payload = payload;
  }
}

describe("the answer cache", () => {
  it.each(cases.map((c) => [c.api.name, c] as const))(
    "%s: replays what Prism's whole pipeline answers",
    async (_name, { operations, options, requests }) => {
      const cached = createMockHandler(operations, options);
      const uncached = createMockHandler(operations, { ...options, answerCache: false });
      const answer = async (handler: typeof cached, request: Sent) => {
        const reply = new Recorder();
        const body = request.body === undefined ? undefined : Buffer.from(request.body);
        await handler(request, async () => (body ? decodeBody(body) : { kind: "none" }), reply);
        return { status: reply.statusCode, headers: reply.headers, payload: reply.payload };
      };
      const prismAnswers = vi.spyOn(PrismAnswers.prototype, "answer");
      let replayed = 0;
      for (const { op, target } of requests) {
        const statuses = Object.keys(op.operation.responses ?? {});
        const preferred = [
          ...statuses
            .slice(0, 2)
            .map((s) =>
              sent(
                target.method,
                target.path,
                { ...target.headers, Prefer: `code=${s.replace(/XX$/i, "00")}` },
                target.body,
              ),
            ),
          sent(target.method, target.path, { ...target.headers, Accept: "application/json" }, target.body),
          sent(
            target.method,
            `${target.path}${target.path.includes("?") ? "&" : "?"}__code=${statuses[0]!.replace(/XX$/i, "00")}`,
            target.headers,
            target.body,
          ),
        ];
        for (const request of [...variants(target).slice(0, 4), ...preferred]) {
          const label = `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${request.body ?? ""}`;
          const expected = await answer(uncached, request);
          expect(await answer(cached, request), label).toEqual(expected); // fills the cache
          const before = prismAnswers.mock.calls.length;
          expect(await answer(cached, request), label).toEqual(expected); // answers from it
          if (prismAnswers.mock.calls.length === before) replayed++;
        }
      }
      prismAnswers.mockRestore();
      expect(replayed).toBeGreaterThanOrEqual(requests.length);
    },
    120_000,
  );
});

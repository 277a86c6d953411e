// The credentials of an API (scripts/openapi/credentials.ts): one client option per security
// scheme a client can send, read from the document by the client generator and the docs' samples.
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { credentialsOf, requiredCredential } from "../../scripts/openapi/credentials.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import type { OpenApiDocument, SecuritySchemeObject, ReferenceObject } from "../../scripts/openapi/openapi-document.js";

const apis = loadApis();
const entry = (name: string) => apis.find((a) => a.name === name)!;

function doc(securitySchemes: Record<string, unknown>, security?: Record<string, string[]>[]): OpenApiDocument {
  const get = { ...(security ? { security } : {}), responses: { 200: { description: "ok" } } };
  const schemes = securitySchemes as Record<string, SecuritySchemeObject | ReferenceObject>;
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/x": { get } },
    components: { securitySchemes: schemes },
  };
}

describe("credentialsOf", () => {
  it("maps bearer, basic and header keys to options and headers; cookie and query keys are not sent", () => {
    const schemes = {
      bearer: { type: "http", scheme: "Bearer" },
      legacy: { $ref: "#/components/securitySchemes/basicScheme" },
      basicScheme: { type: "http", scheme: "basic" },
      key: { type: "apiKey", in: "header", name: "X-Api-Key" },
      cookie: { type: "apiKey", in: "cookie", name: "sid" },
      query: { type: "apiKey", in: "query", name: "key" },
    };
    expect(() => credentialsOf(entry("runcloud"), doc(schemes))).toThrow(
      /runcloud: two security schemes map to the client option "basic"/,
    );
    delete (schemes as Record<string, unknown>).basicScheme;
    const credentials = credentialsOf(
      entry("runcloud"),
      doc({ ...schemes, legacy: { type: "http", scheme: "basic" } }),
    );
    expect(credentials.map(({ scheme, kind, option, header, value }) => [scheme, kind, option, header, value])).toEqual(
      [
        ["bearer", "bearer", "token", "Authorization", "`Bearer ${token}`"],
        ["legacy", "basic", "basic", "Authorization", "basicAuth(basic.username, basic.password)"],
        ["key", "apiKey", "apiKey", "X-Api-Key", "apiKey"],
      ],
    );
  });

  it("a session API's header key is its token option", () => {
    expect(
      credentialsOf(entry("livebridge"), doc({ h: { type: "apiKey", in: "header", name: "X-Auth-Token" } }))[0],
    ).toMatchObject({ option: "token", header: "X-Auth-Token" });
  });
});

describe("requiredCredential", () => {
  const api = entry("healthchecks");
  const operation = (d: ReturnType<typeof doc>) => listOperations(d)[0]!;
  const schemes = {
    cookie: { type: "apiKey", in: "cookie", name: "sid" },
    key: { type: "apiKey", in: "header", name: "X-Api-Key" },
  };

  it("is the operation's first non-empty requirement, else the document's, else none", () => {
    const d = doc(schemes, [{}, { key: [] }]);
    expect(requiredCredential(api, d, operation(d))?.scheme).toBe("key");
    const inherited = { ...doc(schemes), security: [{ key: [] }] };
    expect(requiredCredential(api, inherited, operation(inherited))?.option).toBe("apiKey");
    const open = doc(schemes, []);
    expect(requiredCredential(api, open, operation(open))).toBeUndefined();
  });

  it("stops on a requirement no client option sends, naming the operation and scheme", () => {
    const d = doc(schemes, [{ cookie: [] }]);
    expect(() => requiredCredential(api, d, operation(d))).toThrow(
      'healthchecks: GET /x requires security scheme "cookie", which no client option sends',
    );
  });
});

// The client generator refuses what the generated clients cannot send, rather than emit a client
// that would send it wrongly: a query parameter in a style other than openapi-fetch's defaults.
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { renderClient, responseMediaTable } from "../../scripts/generate/client-source.js";

const api = loadApis().find((a) => a.name === "healthchecks")!;

function docWithQuery(parameter: Record<string, unknown>) {
  const responses = { 200: { description: "ok" } };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "http://127.0.0.1" }],
    paths: { "/things": { get: { parameters: [{ name: "ids", in: "query" as const, ...parameter }], responses } } },
  };
}

describe("renderClient", () => {
  it.each([
    { style: "form", explode: false, schema: { type: "array", items: { type: "string" } } },
    { style: "pipeDelimited", schema: { type: "array", items: { type: "string" } } },
    { style: "form", schema: { type: ["object", "null"] } },
  ])("stops on a query parameter the client cannot send: style $style, explode $explode, $schema.type", (parameter) => {
    expect(() => renderClient(api, docWithQuery(parameter))).toThrow(
      /healthchecks: GET \/things declares query parameter "ids" with style \w+, explode (true|false), which the generated client cannot send/,
    );
  });

  it.each([
    { schema: { type: "array", items: { type: "string" } } },
    { style: "form", explode: true, schema: { type: "string" } },
    { style: "deepObject", explode: true, schema: { type: "object" } },
  ])("accepts what openapi-fetch sends by default: style $style, $schema.type", (parameter) => {
    expect(renderClient(api, docWithQuery(parameter))).toContain("export function createHealthchecksClient(");
  });

  it("writes how each documented answer is read, and stops on a media type it cannot read as documented", () => {
    const doc = (content: Record<string, unknown> | undefined) => ({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      servers: [{ url: "http://127.0.0.1" }],
      paths: {
        "/x": {
          get: {
            responses: {
              200: { description: "ok", ...(content ? { content } : {}) },
              404: { description: "no", content: { "text/html; charset=utf-8": { schema: { type: "string" } } } },
            },
          },
        },
      },
    });
    expect(responseMediaTable(api, doc({ "application/json": {}, "text/plain": {} }))).toEqual({
      "/x": { get: { "200": "json|text", "404": "text" } },
    });
    expect(responseMediaTable(api, doc(undefined))).toEqual({ "/x": { get: { "200": "none", "404": "text" } } });
    expect(() => renderClient(api, doc({ "image/png": {} }))).toThrow(
      /healthchecks: GET \/x documents image\/png for 200, which the generated client cannot read as documented/,
    );
  });
});

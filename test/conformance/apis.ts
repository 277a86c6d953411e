// Per-API knowledge the conformance suite needs and the specs cannot give: how to make a client
// with valid credentials, what malformed credentials look like, and which invalid requests to
// send. Everything else is enumerated from the bundled specs.
import { createHealthchecksClient } from "../../generated/healthchecks/index.js";
import { createHealthchecksPingClient } from "../../generated/healthchecks-ping/index.js";
import { createHealthchecksV2Client } from "../../generated/healthchecks-v2/index.js";
import { createHealthchecksV3Client } from "../../generated/healthchecks-v3/index.js";
import { createLamplighterClient } from "../../generated/lamplighter/index.js";
import { createLightrunClient } from "../../generated/lightrun/index.js";
import { createLivebridgeClient } from "../../generated/livebridge/index.js";
import { createRunCloudClient } from "../../generated/runcloud/index.js";

/** The methods the suite calls; every generated client has them. */
export interface AnyClient {
  [method: string]: any;
}

export interface InvalidRequest {
  why: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  /** Replaces fields of the example body (or the whole body when not an object merge). */
  body?: unknown;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
}

export interface ApiCase {
  /** A client with valid credentials, ready for every operation (retries off: the suite asks
   * for 429/503 on purpose and checks the raw answer). */
  client(baseUrl: string): Promise<AnyClient>;
  /** A client that sends no credentials. */
  anonymous(baseUrl: string): AnyClient;
  /** Headers that make the credentials malformed (sent on the anonymous client). */
  malformed: Record<string, string>[];
  /** An operation that requires credentials, to probe 401s; `null` for an API that takes none
   * (the Healthchecks Pinging API: the check is named in the URL), whose spec must then declare
   * no security and whose anonymous client must get successes. */
  authProbe: { method: "get" | "post" | "put"; path: string; params?: Record<string, unknown> } | null;
  /** The API's own 401 body, as the mock must send it. */
  unauthorizedBody: unknown;
  invalid: InvalidRequest[];
}

const KEY = "a".repeat(32);

/** The Healthchecks Management API under `/api/<version>/` (every version takes the same key). */
function healthchecksCase(
  version: string,
  create: (options: { baseUrl: string; apiKey?: string }) => AnyClient,
): ApiCase {
  const checks = `/api/${version}/checks/`;
  return {
    client: async (baseUrl) => create({ baseUrl, apiKey: KEY }),
    anonymous: (baseUrl) => create({ baseUrl }),
    malformed: [{ "X-Api-Key": "" }],
    authProbe: { method: "get", path: checks },
    unauthorizedBody: { error: "missing api key" },
    invalid: [
      { why: "timeout below the minimum (59)", method: "post", path: checks, body: { timeout: 59 } },
      { why: "timeout above the maximum (2592001)", method: "post", path: checks, body: { timeout: 2592001 } },
      { why: "grace below the minimum (59)", method: "post", path: checks, body: { grace: 59 } },
      // `slug` in `unique` is API v3's (v4.3 api.md); v1 and v2 documents refuse it.
      {
        why: "a unique item outside the enum",
        method: "post",
        path: checks,
        body: { unique: [version === "v3" ? "kind" : "slug"] },
      },
      { why: "name of the wrong type", method: "post", path: checks, body: { name: 42 } },
    ],
  };
}

export const CASES: Record<string, ApiCase> = {
  healthchecks: healthchecksCase("v1", createHealthchecksClient),
  // Management API v2 and v3: the same views under their own prefix (one source, see redocly.yaml).
  "healthchecks-v2": healthchecksCase("v2", createHealthchecksV2Client),
  "healthchecks-v3": healthchecksCase("v3", createHealthchecksV3Client),
  "healthchecks-ping": {
    client: async (baseUrl) => createHealthchecksPingClient({ baseUrl }),
    anonymous: (baseUrl) => createHealthchecksPingClient({ baseUrl }),
    malformed: [],
    authProbe: null,
    unauthorizedBody: undefined,
    invalid: [
      { why: "a run id that is not a UUID", method: "get", path: "/ping/{code}", query: { rid: "not-a-uuid" } },
      {
        why: "create other than 0 or 1",
        method: "get",
        path: "/ping/{pingKey}/{slug}/start",
        query: { create: "yes" },
      },
    ],
  },
  lightrun: {
    client: async (baseUrl) => createLightrunClient({ baseUrl, token: "lr-test-token" }),
    anonymous: (baseUrl) => createLightrunClient({ baseUrl }),
    malformed: [{ Authorization: "Token lr-test-token" }, { Authorization: "Basic bm90OmJlYXJlcg==" }],
    authProbe: { method: "get", path: "/api/v1/agent-pools" },
    unauthorizedBody: { message: "401 Unauthorized" },
    invalid: [
      { why: "limit above the maximum (1001)", method: "get", path: "/api/v1/agent-pools", query: { limit: 1001 } },
      { why: "limit of the wrong type", method: "get", path: "/api/v1/agent-pools", query: { limit: "ten" } },
      { why: "agent pool name of the wrong type", method: "post", path: "/api/v1/agent-pools", body: { name: 42 } },
      {
        why: "a loaded-package status outside the enum",
        method: "get",
        path: "/api/v1/loaded-packages",
        query: { status: ["GONE"] },
      },
      { why: "a user email shorter than 5 characters", method: "post", path: "/api/v1/users", body: { email: "a@b" } },
      {
        why: "a log action's logLevel outside the enum",
        method: "post",
        path: "/api/v1/actions/logs",
        body: { logLevel: "TRACE" },
      },
      {
        why: "a system API key label over 50 characters",
        method: "put",
        path: "/api/v1/access/company/{company}/system-api-key/{id}",
        body: { label: "x".repeat(51) },
      },
      {
        why: "a field the temporary access body does not list",
        method: "post",
        path: "/api/v1/temp-access",
        body: { owner: "jane" },
      },
    ],
  },
  runcloud: {
    client: async (baseUrl) => createRunCloudClient({ baseUrl, token: "rc-test-token", retry: false }),
    anonymous: (baseUrl) => createRunCloudClient({ baseUrl }),
    malformed: [{ Authorization: "Token rc-test-token" }],
    authProbe: { method: "get", path: "/ping" },
    unauthorizedBody: undefined,
    invalid: [
      { why: "perPage above the maximum (41)", method: "get", path: "/servers", query: { perPage: 41 } },
      { why: "server name of the wrong type", method: "post", path: "/servers", body: { name: 42 } },
      {
        why: "a firewall port that is neither a port nor a range",
        method: "post",
        path: "/servers/{serverId}/security/firewalls",
        body: { port: "ssh" },
      },
    ],
  },
  lamplighter: {
    client: async (baseUrl) =>
      createLamplighterClient({
        baseUrl,
        basic: { username: "12345678901234567890", password: "0192837465748392" },
        retry: false,
      }),
    anonymous: (baseUrl) => createLamplighterClient({ baseUrl }),
    malformed: [{ Authorization: "Bearer 12345678901234567890" }],
    authProbe: { method: "get", path: "/company" },
    unauthorizedBody: { error: "You are not authorized to access this resource." },
    invalid: [
      { why: "a cms outside the enum", method: "post", path: "/site", body: { cms: "Drupal" } },
      { why: "group_id of the wrong type", method: "post", path: "/user", body: { group_id: "admins" } },
    ],
  },
  livebridge: {
    client: async (baseUrl) => {
      const client = createLivebridgeClient({ baseUrl });
      await client.login("yourusername", "yourpassword");
      return client;
    },
    anonymous: (baseUrl) => createLivebridgeClient({ baseUrl }),
    malformed: [{ "X-Auth-Token": "" }],
    authProbe: { method: "get", path: "/api/v1/controldata" },
    unauthorizedBody: { error: "Invalid token." },
    invalid: [
      {
        why: "If-Match that is not an Etag",
        method: "put",
        path: "/api/v1/controldata",
        header: { "If-Match": '"quoted"' },
      },
      { why: "bridges of the wrong type", method: "put", path: "/api/v1/controldata", body: { bridges: "none" } },
    ],
  },
};

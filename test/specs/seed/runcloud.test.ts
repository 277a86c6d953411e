// Seed facts of the RunCloud API v2 (seeds/001_74a4d8e72350fcea.txt) and the endpoints of
// reference/saas-apis.md §2.4, asserted against the bundled, dereferenced spec. Removing or
// changing any fact listed here must make a test fail.
import { describe, it, expect } from "vitest";
import { loadSpec, operation } from "../../support/spec.js";
import { isValid } from "../../support/ajv.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const API = "runcloud";
const METHODS: readonly string[] = HTTP_METHODS;

/** The seed's one operation. */
const SEED_OPERATIONS: Array<[string, string, string]> = [["get", "/ping", "pingApi"]];

/** Every operation of the spec: the seed's plus the H/M (and a few marked L) rows of reference §2.4. */
const OPERATIONS: Array<[string, string, string]> = [
  ["get", "/ping", "pingApi"],
  ["get", "/servers", "listServers"],
  ["post", "/servers", "createServer"],
  ["get", "/servers/shared", "listSharedServers"],
  ["get", "/servers/{serverId}", "getServer"],
  ["delete", "/servers/{serverId}", "deleteServer"],
  ["get", "/servers/{serverId}/installationscript", "getServerInstallationScript"],
  ["patch", "/servers/{serverId}/settings/meta", "updateServerMeta"],
  ["get", "/servers/{serverId}/stats", "getServerStats"],
  ["get", "/servers/{serverId}/hardwareinfo", "getServerHardwareInfo"],
  ["get", "/servers/{serverId}/health/latest", "getServerHealth"],
  ["post", "/servers/{serverId}/health/diskcleaner", "cleanServerDisk"],
  ["get", "/servers/{serverId}/php/version", "listPhpVersions"],
  ["patch", "/servers/{serverId}/php/cli", "changeServerPhpCliVersion"],
  ["get", "/servers/{serverId}/settings/ssh", "getSshSettings"],
  ["patch", "/servers/{serverId}/settings/ssh", "updateSshSettings"],
  ["patch", "/servers/{serverId}/settings/autoupdate", "updateAutoUpdateSettings"],
  ["get", "/servers/{serverId}/databases", "listDatabases"],
  ["post", "/servers/{serverId}/databases", "createDatabase"],
  ["get", "/servers/{serverId}/databases/{databaseId}", "getDatabase"],
  ["delete", "/servers/{serverId}/databases/{databaseId}", "deleteDatabase"],
  ["get", "/servers/{serverId}/databases/{databaseId}/grant", "listDatabaseGrants"],
  ["post", "/servers/{serverId}/databases/{databaseId}/grant", "grantDatabaseUser"],
  ["delete", "/servers/{serverId}/databases/{databaseId}/grant", "revokeDatabaseUser"],
  ["get", "/servers/{serverId}/databaseusers", "listDatabaseUsers"],
  ["post", "/servers/{serverId}/databaseusers", "createDatabaseUser"],
  ["get", "/servers/{serverId}/databaseusers/{databaseUserId}", "getDatabaseUser"],
  ["patch", "/servers/{serverId}/databaseusers/{databaseUserId}", "changeDatabaseUserPassword"],
  ["delete", "/servers/{serverId}/databaseusers/{databaseUserId}", "deleteDatabaseUser"],
  ["get", "/servers/{serverId}/users", "listSystemUsers"],
  ["post", "/servers/{serverId}/users", "createSystemUser"],
  ["get", "/servers/{serverId}/users/{userId}", "getSystemUser"],
  ["delete", "/servers/{serverId}/users/{userId}", "deleteSystemUser"],
  ["patch", "/servers/{serverId}/users/{userId}/password", "changeSystemUserPassword"],
  ["patch", "/servers/{serverId}/users/{userId}/deploymentkey", "regenerateDeploymentKey"],
  ["get", "/servers/{serverId}/sshcredentials", "listSshKeys"],
  ["post", "/servers/{serverId}/sshcredentials", "addSshKey"],
  ["get", "/servers/{serverId}/sshcredentials/{sshKeyId}", "getSshKey"],
  ["delete", "/servers/{serverId}/sshcredentials/{sshKeyId}", "deleteSshKey"],
  ["get", "/servers/{serverId}/cronjobs", "listCronJobs"],
  ["post", "/servers/{serverId}/cronjobs", "createCronJob"],
  ["post", "/servers/{serverId}/cronjobs/rebuild", "rebuildCronJobs"],
  ["get", "/servers/{serverId}/cronjobs/{jobId}", "getCronJob"],
  ["delete", "/servers/{serverId}/cronjobs/{jobId}", "deleteCronJob"],
  ["get", "/servers/{serverId}/supervisors", "listSupervisorJobs"],
  ["post", "/servers/{serverId}/supervisors", "createSupervisorJob"],
  ["post", "/servers/{serverId}/supervisors/rebuild", "rebuildSupervisorJobs"],
  ["get", "/servers/{serverId}/supervisors/status", "getSupervisorStatus"],
  ["get", "/servers/{serverId}/supervisors/binaries", "listSupervisorBinaries"],
  ["get", "/servers/{serverId}/supervisors/{jobId}", "getSupervisorJob"],
  ["delete", "/servers/{serverId}/supervisors/{jobId}", "deleteSupervisorJob"],
  ["post", "/servers/{serverId}/supervisors/{jobId}/reload", "reloadSupervisorJob"],
  ["get", "/servers/{serverId}/services", "listServices"],
  ["patch", "/servers/{serverId}/services", "controlService"],
  ["get", "/servers/{serverId}/security/firewalls", "listFirewallRules"],
  ["post", "/servers/{serverId}/security/firewalls", "createFirewallRule"],
  ["put", "/servers/{serverId}/security/firewalls", "deployFirewallRules"],
  ["get", "/servers/{serverId}/security/firewalls/{ruleId}", "getFirewallRule"],
  ["delete", "/servers/{serverId}/security/firewalls/{ruleId}", "deleteFirewallRule"],
  ["get", "/servers/{serverId}/security/fail2ban/blockedip", "listBlockedIps"],
  ["delete", "/servers/{serverId}/security/fail2ban/blockedip", "unblockIp"],
  ["get", "/servers/{serverId}/webapps", "listWebApps"],
  ["post", "/servers/{serverId}/webapps/custom", "createWebApp"],
  ["get", "/servers/{serverId}/webapps/{webAppId}", "getWebApp"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}", "deleteWebApp"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/default", "setDefaultWebApp"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/default", "unsetDefaultWebApp"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/rebuild", "rebuildWebApp"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/settings", "getWebAppSettings"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/settings/php", "changeWebAppPhpVersion"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/settings/fpmnginx", "updateWebAppFpmNginxSettings"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/log", "listWebAppLogs"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/domains", "listDomains"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/domains", "addDomain"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}", "deleteDomain"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/git", "getWebAppGit"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/git", "createWebAppGit"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/git/{gitId}", "deleteWebAppGit"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/git/{gitId}/branch", "changeGitBranch"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/git/{gitId}/script", "updateGitDeployScript"],
  ["put", "/servers/{serverId}/webapps/{webAppId}/git/{gitId}/script", "forceGitDeployment"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/installer", "getInstalledScript"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/installer", "installScript"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/installer/{installerId}", "uninstallScript"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/ssl", "getWebAppSsl"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/ssl", "installWebAppSsl"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/ssl/{sslId}", "updateWebAppSsl"],
  ["put", "/servers/{serverId}/webapps/{webAppId}/ssl/{sslId}", "redeployWebAppSsl"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/ssl/{sslId}", "deleteWebAppSsl"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/ssl/advanced", "getAdvancedSsl"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/ssl/advanced", "updateAdvancedSsl"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}/ssl", "getDomainSsl"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}/ssl", "installDomainSsl"],
  ["patch", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}/ssl/{sslId}", "updateDomainSsl"],
  ["put", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}/ssl/{sslId}", "redeployDomainSsl"],
  ["delete", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}/ssl/{sslId}", "deleteDomainSsl"],
  ["get", "/settings/externalapi", "listExternalApiKeys"],
  ["post", "/settings/externalapi", "createExternalApiKey"],
  ["get", "/settings/externalapi/{apiId}", "getExternalApiKey"],
  ["patch", "/settings/externalapi/{apiId}", "updateExternalApiKey"],
  ["delete", "/settings/externalapi/{apiId}", "deleteExternalApiKey"],
  ["get", "/static/databases/collations", "listDatabaseCollations"],
  ["get", "/static/timezones", "listTimezones"],
  ["get", "/static/webapps/installers", "listScriptInstallers"],
];

/** Operations whose method (or body) the sources dispute; they must be marked low confidence. */
const LOW_CONFIDENCE = [
  ["post", "/servers/{serverId}/health/diskcleaner"],
  ["post", "/servers/{serverId}/supervisors/{jobId}/reload"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/rebuild"],
  ["post", "/servers/{serverId}/cronjobs"],
];

/** Rows of reference §2.4 that are low confidence and deliberately left out. */
const LEFT_OUT: Array<[string, string]> = [
  ["get", "/servers/{serverId}/logs"],
  ["post", "/servers/{serverId}/webapps/{webAppId}/alias"],
  ["get", "/servers/{serverId}/webapps/{webAppId}/domains/{domainId}"],
  ["get", "/static/ssl/protocols"],
  ["post", "/static/ssl/protocols"],
];

/** The seed's status codes, as declared on the operations. */
const ALWAYS = ["200", "401", "403", "429", "5XX"];
const ERROR_RESPONSES: Record<string, string> = {
  "401": "Unauthenticated.",
  "403": "This action is unauthorized.",
  "404": "Not Found",
  "422": "The given data was invalid.",
  "429": "Too Many Attempts.",
  "5XX": "Server Error",
};
const RATE_LIMIT_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining"];
const PAGINATION_FIELDS = ["total", "count", "per_page", "current_page", "total_pages", "links"];

type Op = { method: string; path: string; op: Record<string, any> };
function allOperations(spec: Record<string, any>): Op[] {
  const out: Op[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const method of METHODS) if (item[method]) out.push({ method, path, op: item[method] });
  }
  return out;
}
function params(spec: Record<string, any>, path: string, op: Record<string, any>): Record<string, any>[] {
  return [...(spec.paths[path].parameters ?? []), ...(op.parameters ?? [])];
}
function json(resp: Record<string, any>): Record<string, any> {
  return resp.content["application/json"];
}
function firstExample(media: Record<string, any>): unknown {
  return (Object.values(media.examples)[0] as { value: unknown }).value;
}

describe("runcloud: seed facts", async () => {
  const spec = await loadSpec(API);
  const ops = allOperations(spec);

  it("is OpenAPI 3.1 with the seed's base URL (no trailing slash; paths start with /)", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.servers).toEqual([expect.objectContaining({ url: "https://manage.runcloud.io/api/v2" })]);
    for (const path of Object.keys(spec.paths)) expect(path.startsWith("/api")).toBe(false);
  });

  it("declares Bearer (workspace token) and Basic (legacy key:secret) auth, either one on every operation", () => {
    expect(spec.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: "http", scheme: "bearer" }),
      basic: expect.objectContaining({ type: "http", scheme: "basic" }),
    });
    expect(spec.security).toEqual([{ bearer: [] }, { basic: [] }]);
    for (const { op } of ops) expect(op.security).toBeUndefined();
  });

  it.each(SEED_OPERATIONS)("%s %s is %s", (method, path, id) => {
    expect(operation(spec, method, path).operationId).toBe(id);
  });

  it('GET /ping answers 200 {"message": "pong"}', () => {
    const media = json(operation(spec, "get", "/ping").responses["200"]);
    expect(media.schema.required).toEqual(["message"]);
    expect(media.schema.properties.message).toMatchObject({ type: "string", const: "pong" });
    expect(media.schema.additionalProperties).toBe(false);
    expect(firstExample(media)).toEqual({ message: "pong" });
  });

  it("declares 200, 401, 403, 429 and 5XX everywhere, 404 exactly where an ID is in the path, 422 exactly on POST, PATCH and where there is a body", () => {
    for (const { method, path, op } of ops) {
      const expected = [...ALWAYS];
      if (path.includes("{")) expected.push("404");
      if (method === "post" || method === "patch" || op.requestBody) expected.push("422");
      expect(Object.keys(op.responses).sort(), `${method} ${path}`).toEqual(expected.sort());
    }
  });

  it("every POST and PATCH declares 422 (the seed: incomplete data for POST / PATCH), with or without a body", () => {
    for (const { method, path, op } of ops) {
      if (method === "post" || method === "patch") {
        expect(op.responses["422"], `${method} ${path}`).toBeDefined();
      }
    }
    expect(operation(spec, "post", "/servers").responses["422"].description).toMatch(/incomplete/i);
  });

  it.each(Object.entries(ERROR_RESPONSES))(
    "error %s has the (inferred) error body {message?, errors?} and its example",
    (code, message) => {
      const resp =
        operation(spec, "get", "/servers/{serverId}").responses[code] ??
        operation(spec, "post", "/servers").responses[code];
      const media = json(resp);
      expect(media.schema.type).toBe("object");
      expect(media.schema.additionalProperties).toBe(true);
      expect(media.schema.required).toBeUndefined();
      expect(media.schema.properties.message).toMatchObject({ type: "string" });
      expect(media.schema.properties.errors).toMatchObject({
        type: "object",
        additionalProperties: { type: "array", items: { type: "string" } },
      });
      expect(media.schema["x-confidence"]).toBe("low");
      expect((firstExample(media) as { message: string }).message).toBe(message);
    },
  );

  it("sends X-RateLimit-Limit and X-RateLimit-Remaining (integers) on every response, errors and 429 included", () => {
    for (const { method, path, op } of ops) {
      for (const [code, resp] of Object.entries<Record<string, any>>(op.responses)) {
        for (const name of RATE_LIMIT_HEADERS) {
          const header = resp.headers?.[name];
          expect(header, `${method} ${path} ${code} ${name}`).toBeDefined();
          expect(header.required).toBe(true);
          expect(header.schema.type).toBe("integer");
          expect(header.schema.examples.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("takes page and perPage (integer, 1..40, no default) on every list operation and only there", () => {
    for (const { method, path, op } of ops) {
      const names = params(spec, path, op).map((p) => p.name);
      const isList = op.operationId.startsWith("list");
      expect(names.includes("perPage"), `${method} ${path}`).toBe(isList);
      expect(names.includes("page"), `${method} ${path}`).toBe(isList);
      if (!isList) continue;
      const perPage = params(spec, path, op).find((p) => p.name === "perPage")!;
      expect(perPage).toMatchObject({ in: "query", required: false });
      // examples are illustrative; the facts are type, bounds and the absence of a default.
      expect(perPage.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 40 });
      expect(perPage.schema.default).toBeUndefined();
      const page = params(spec, path, op).find((p) => p.name === "page")!;
      expect(page).toMatchObject({ in: "query", required: false });
      expect(page.schema).toMatchObject({ type: "integer" });
      expect(page.schema.default).toBeUndefined();
    }
  });

  it("wraps paginated lists in {data, meta: {pagination: {total, count, per_page, current_page, total_pages, links}}}", () => {
    const list = json(operation(spec, "get", "/servers").responses["200"]).schema;
    expect(list.required).toEqual(["data", "meta"]);
    expect(list.properties.data.type).toBe("array");
    const pagination = list.properties.meta.properties.pagination;
    expect(list.properties.meta.required).toEqual(["pagination"]);
    expect(pagination.required).toEqual(PAGINATION_FIELDS);
    for (const f of PAGINATION_FIELDS.slice(0, 5)) expect(pagination.properties[f].type).toBe("integer");
    const links = pagination.properties.links;
    expect(links["x-confidence"]).toBe("low");
    expect(links.oneOf).toHaveLength(2);
    expect(links.oneOf[0]).toMatchObject({
      type: "object",
      properties: { previous: { format: "uri" }, next: { format: "uri" } },
    });
    expect(links.oneOf[1]).toMatchObject({ type: "array", maxItems: 0 });
  });

  it("uses JSON for every request and response body (Content-Type/Accept: application/json)", () => {
    for (const { method, path, op } of ops) {
      if (op.requestBody)
        expect(Object.keys(op.requestBody.content), `${method} ${path}`).toEqual(["application/json"]);
      for (const resp of Object.values<Record<string, any>>(op.responses)) {
        expect(Object.keys(resp.content), `${method} ${path}`).toEqual(["application/json"]);
      }
    }
    expect(spec.info.description).toContain("Content-Type: application/json");
    expect(spec.info.description).toContain("Accept: application/json");
  });

  it("types every ID in a path as an integer", () => {
    for (const { path, op } of ops) {
      for (const p of params(spec, path, op).filter((x) => x.in === "path")) {
        expect(p.schema, `${path} ${p.name}`).toMatchObject({ type: "integer" });
        expect(p.required).toBe(true);
      }
    }
  });

  it("ends the description with a Sources and discrepancies section", () => {
    expect(spec.info.description).toMatch(/## Sources and discrepancies[\s\S]*$/);
  });
});

describe("runcloud: endpoints of reference §2.4", async () => {
  const spec = await loadSpec(API);
  const ops = allOperations(spec);

  it.each(OPERATIONS)("%s %s is %s", (method, path, id) => {
    const op = operation(spec, method, path);
    expect(op.operationId).toBe(id);
    expect(op["x-source"].length).toBeGreaterThan(0);
  });

  it("has exactly these operations", () => {
    expect(ops.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      OPERATIONS.map(([m, p]) => `${m} ${p}`).sort(),
    );
  });

  it.each(LOW_CONFIDENCE)("%s %s is marked x-confidence: low", (method, path) => {
    expect(operation(spec, method, path)["x-confidence"]).toBe("low");
  });

  it.each(LEFT_OUT)("%s %s (low confidence) is left out", (method, path) => {
    expect(() => operation(spec, method, path)).toThrow();
  });

  it("SSH key create: label, username, publicKey required, temporary optional, nothing else; response shape exact", () => {
    const op = operation(spec, "post", "/servers/{serverId}/sshcredentials");
    const body = op.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["label", "username", "publicKey"]);
    expect(Object.keys(body.properties)).toEqual(["label", "username", "publicKey", "temporary"]);
    expect(body.properties.temporary.type).toBe("boolean");
    expect(body.additionalProperties).toBe(false);
    const resp = json(op.responses["200"]).schema;
    expect(resp.required).toEqual(["id", "label", "user_id", "publicKey", "created_at"]);
    expect(resp.properties.user_id.type).toBe("integer");
  });

  it("SSH key list takes both disputed filters (label per vendor page, search per SDK)", () => {
    const op = operation(spec, "get", "/servers/{serverId}/sshcredentials");
    const names = params(spec, "/servers/{serverId}/sshcredentials", op).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["label", "search"]));
  });

  it("single resources are bare objects with an integer id, not wrapped in data", () => {
    for (const [method, path] of [
      ["get", "/servers/{serverId}"],
      ["post", "/servers/{serverId}/databases"],
      ["delete", "/servers/{serverId}/users/{userId}"],
    ] as const) {
      const schema = json(operation(spec, method, path).responses["200"]).schema;
      expect(schema.properties.data).toBeUndefined();
      expect(schema.properties.id.type).toBe("integer");
      expect(schema.required).toContain("id");
    }
  });

  it("keeps the reference's casing: camelCase, snake_case created_at / user_id / ssl_protocol_id", () => {
    const server = json(operation(spec, "get", "/servers/{serverId}").responses["200"]).schema;
    expect(Object.keys(server.properties)).toEqual(
      expect.arrayContaining(["ipAddress", "phpCLIVersion", "softwareUpdate", "securityUpdate", "created_at"]),
    );
    const ssl = json(operation(spec, "get", "/servers/{serverId}/webapps/{webAppId}/ssl").responses["200"]).schema;
    expect(Object.keys(ssl.properties)).toEqual(
      expect.arrayContaining(["enableHttp", "enableHsts", "ssl_protocol_id", "created_at"]),
    );
    const webapp = json(operation(spec, "get", "/servers/{serverId}/webapps/{webAppId}").responses["200"]).schema;
    expect(webapp["x-confidence"]).toBe("low");
    expect(Object.keys(webapp.properties)).toEqual(expect.arrayContaining(["serverUserId", "createdAt"]));
  });

  it("undocumented shapes are open objects that say so", () => {
    for (const path of [
      "/servers/{serverId}/stats",
      "/servers/{serverId}/hardwareinfo",
      "/servers/{serverId}/health/latest",
      "/servers/{serverId}/webapps/{webAppId}/settings",
      "/servers/{serverId}/supervisors/status",
    ]) {
      const schema = json(operation(spec, "get", path).responses["200"]).schema;
      expect(schema, path).toMatchObject({ type: "object", additionalProperties: true });
      expect(schema.description).toMatch(/not documented/);
    }
  });

  it("closed sets: service actions, web app stack, stack mode and process manager", () => {
    const action = operation(spec, "patch", "/servers/{serverId}/services");
    expect(action.operationId).toBe("controlService");
    const body = action.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["action", "realName"]);
    expect(body.properties.action.enum).toEqual(["start", "stop", "restart", "reload"]);
    const webapp = operation(spec, "post", "/servers/{serverId}/webapps/custom").requestBody.content["application/json"]
      .schema;
    expect(webapp.properties.stack.enum).toEqual(["hybrid", "nativenginx", "customnginx"]);
    expect(webapp.properties.stackMode.enum).toEqual(["production", "development"]);
    expect(webapp.properties.processManager.enum).toEqual(["dynamic", "ondemand", "static"]);
  });

  it("low-confidence enums on request bodies are marked", () => {
    const fw = operation(spec, "post", "/servers/{serverId}/security/firewalls").requestBody.content["application/json"]
      .schema;
    expect(fw.properties.type).toMatchObject({ enum: ["global", "rich"], "x-confidence": "low" });
    expect(fw.properties.protocol).toMatchObject({ enum: ["tcp", "udp"], "x-confidence": "low" });
    expect(fw.properties.firewallAction).toMatchObject({ enum: ["accept", "reject"], "x-confidence": "low" });
    const dom = operation(spec, "post", "/servers/{serverId}/webapps/{webAppId}/domains").requestBody.content[
      "application/json"
    ].schema;
    expect(dom.required).toEqual(["name"]);
    expect(dom.properties.redirection).toMatchObject({ enum: ["none", "www", "non-www"], "x-confidence": "low" });
    expect(dom.properties.type).toMatchObject({ enum: ["alias", "primary", "redirect"], "x-confidence": "low" });
  });

  it("firewall port: a single port or a range such as 8080-8081 (reference §2.4), nothing else", () => {
    const port = operation(spec, "post", "/servers/{serverId}/security/firewalls").requestBody.content[
      "application/json"
    ].schema.properties.port;
    expect(["22", "8080-8081"].filter((p) => !isValid(port, p))).toEqual([]);
    expect(
      ["", "http", "22,80", "80-", "-80", "8080 - 8081", "8080-8081-8082"].filter((p) => isValid(port, p)),
    ).toEqual([]);
  });

  it("3rd-party API keys: username is required for Cloudflare", () => {
    const body = operation(spec, "post", "/settings/externalapi").requestBody.content["application/json"].schema;
    expect(body.if).toMatchObject({ properties: { service: { const: "cloudflare" } }, required: ["service"] });
    expect(body.then.required).toEqual(["username"]);
  });
});

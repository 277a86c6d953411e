// Seed facts of the Lightrun REST API (seeds/000_ac48a1da4789e2ba.txt) and the vendor facts the
// issue asks for (reference/saas-apis.md §1), asserted against the bundled spec.
import { describe, it, expect } from "vitest";
import { createAjv } from "../../support/ajv.js";
import { loadSpec, operation } from "../../support/spec.js";
import { HTTP_METHODS } from "../../../scripts/openapi/openapi.js";

const spec = await loadSpec("lightrun");

// Method, exact path, operationId, tag, required API permission level.
const OPERATIONS: [string, string, string, string, "SECURITY" | "DEV" | "COMPANY"][] = [
  ["get", "/api/v1/watched-packages", "listWatchedPackages", "Watched packages", "SECURITY"],
  ["post", "/api/v1/watched-packages", "addWatchedPackages", "Watched packages", "SECURITY"],
  ["delete", "/api/v1/watched-packages", "removeWatchedPackages", "Watched packages", "SECURITY"],
  ["put", "/api/v1/watched-packages/{id}", "updateWatchedPackage", "Watched packages", "SECURITY"],
  ["get", "/api/v1/loaded-packages", "listLoadedPackages", "Loaded packages", "SECURITY"],
  ["get", "/api/v1/sbom", "getSbom", "Dynamic SBOM", "SECURITY"],
  ["get", "/api/v1/agent-pools", "listAgentPools", "Agent Pools", "DEV"],
  ["post", "/api/v1/agent-pools", "createAgentPool", "Agent Pools", "DEV"],
  ["get", "/api/v1/agent-pools/{id}", "getAgentPool", "Agent Pools", "DEV"],
  ["put", "/api/v1/agent-pools/{id}", "updateAgentPool", "Agent Pools", "DEV"],
  ["delete", "/api/v1/agent-pools/{id}", "deleteAgentPool", "Agent Pools", "DEV"],
  ["put", "/api/v1/agent-pools/{id}/detach-agents", "detachAgents", "Agent Pools", "DEV"],
  ["put", "/api/v1/agent-pools/{id}/enable-agents", "enableAgents", "Agent Pools", "DEV"],
  // The other 54 operations of the vendor's document (reference/saas-apis.md, Appendix A).
  ["get", "/api/v1/access/company/{company}/system-api-key", "listSystemApiKeys", "System access API key", "COMPANY"],
  ["post", "/api/v1/access/company/{company}/system-api-key", "createSystemApiKey", "System access API key", "COMPANY"],
  [
    "put",
    "/api/v1/access/company/{company}/system-api-key/{id}",
    "updateSystemApiKeyLabel",
    "System access API key",
    "COMPANY",
  ],
  [
    "delete",
    "/api/v1/access/company/{company}/system-api-key/{id}",
    "deleteSystemApiKey",
    "System access API key",
    "COMPANY",
  ],
  ["get", "/api/v1/actions", "listActions", "Actions", "DEV"],
  ["post", "/api/v1/actions/logs", "createLogAction", "Actions", "DEV"],
  ["get", "/api/v1/actions/logs/{actionId}/messages", "getLogResults", "Actions", "DEV"],
  ["get", "/api/v1/actions/logs/{id}", "getLogAction", "Actions", "DEV"],
  ["post", "/api/v1/actions/snapshots", "createSnapshotAction", "Actions", "DEV"],
  ["get", "/api/v1/actions/snapshots/hit/{hitId}", "getSnapshotHitData", "Actions", "DEV"],
  ["get", "/api/v1/actions/snapshots/hits/{actionId}", "getSnapshotActionHits", "Actions", "DEV"],
  ["get", "/api/v1/actions/snapshots/{id}", "getSnapshotAction", "Actions", "DEV"],
  ["delete", "/api/v1/actions/{id}", "deleteAction", "Actions", "DEV"],
  ["get", "/api/v1/agents", "listAgents", "Agents", "DEV"],
  [
    "get",
    "/api/v1/configuration/connectivity/smtp",
    "getSmtpConfiguration",
    "SMTP connectivity configuration",
    "COMPANY",
  ],
  [
    "post",
    "/api/v1/configuration/connectivity/smtp",
    "setSmtpConfiguration",
    "SMTP connectivity configuration",
    "COMPANY",
  ],
  ["get", "/api/v1/configuration/debug-runbooks", "listRunbookConfigurations", "Debug Runbooks Configuration", "DEV"],
  ["get", "/api/v1/configuration/feature/toggle", "getFeatureConfig", "Lightrun feature flags status", "COMPANY"],
  ["post", "/api/v1/configuration/feature/toggle", "setFeatureConfig", "Lightrun feature flags status", "COMPANY"],
  [
    "get",
    "/api/v1/configuration/idm/authentication",
    "getAuthConfig",
    "Identity Management (IdM) configuration",
    "COMPANY",
  ],
  [
    "post",
    "/api/v1/configuration/idm/authentication",
    "setAuthConfig",
    "Identity Management (IdM) configuration",
    "COMPANY",
  ],
  [
    "get",
    "/api/v1/configuration/idm/provisioning",
    "getProvisioningConfig",
    "Identity Management (IdM) configuration",
    "COMPANY",
  ],
  [
    "post",
    "/api/v1/configuration/idm/provisioning",
    "setProvisioningConfig",
    "Identity Management (IdM) configuration",
    "COMPANY",
  ],
  ["get", "/api/v1/custom-sources", "listCustomSources", "Custom sources", "DEV"],
  ["get", "/api/v1/debug-cases", "listDebugCases", "Debug Cases", "DEV"],
  ["post", "/api/v1/debug-cases", "createDebugCase", "Debug Cases", "DEV"],
  ["post", "/api/v1/debug-cases/{caseId}/runbooks", "addRunbook", "Debug Runbooks", "DEV"],
  ["put", "/api/v1/debug-cases/{caseId}/runbooks/stop-all", "stopAllRunbooks", "Debug Runbooks", "DEV"],
  ["get", "/api/v1/debug-cases/{caseId}/runbooks/{runbookId}", "getRunbook", "Debug Runbooks", "DEV"],
  ["get", "/api/v1/debug-cases/{caseId}/runbooks/{runbookId}/method/{id}", "getRunbookMethod", "Debug Runbooks", "DEV"],
  ["put", "/api/v1/debug-cases/{caseId}/runbooks/{runbookId}/start", "startRunbook", "Debug Runbooks", "DEV"],
  ["put", "/api/v1/debug-cases/{caseId}/runbooks/{runbookId}/stop", "stopRunbook", "Debug Runbooks", "DEV"],
  ["get", "/api/v1/debug-cases/{id}", "getDebugCase", "Debug Cases", "DEV"],
  ["get", "/api/v1/groups", "listGroups", "User Groups", "COMPANY"],
  ["post", "/api/v1/groups", "createGroup", "User Groups", "COMPANY"],
  ["get", "/api/v1/groups/{id}", "getGroup", "User Groups", "COMPANY"],
  ["put", "/api/v1/groups/{id}", "updateGroup", "User Groups", "COMPANY"],
  ["delete", "/api/v1/groups/{id}", "deleteGroup", "User Groups", "COMPANY"],
  ["post", "/api/v1/groups/{id}/members", "addMembers", "User Groups", "COMPANY"],
  ["delete", "/api/v1/groups/{id}/members", "removeMembers", "User Groups", "COMPANY"],
  ["put", "/api/v1/groups/{id}/members/{email}", "updateMember", "User Groups", "COMPANY"],
  ["get", "/api/v1/license", "getCompanyLicense", "License", "COMPANY"],
  ["put", "/api/v1/license", "updateCompanyLicense", "License", "COMPANY"],
  ["get", "/api/v1/tags", "listTags", "Tags", "DEV"],
  ["get", "/api/v1/temp-access", "listTempAccesses", "Just-In-Time Access", "DEV"],
  ["post", "/api/v1/temp-access", "addTempAccess", "Just-In-Time Access", "DEV"],
  ["delete", "/api/v1/temp-access/{id}", "revokeTempAccess", "Just-In-Time Access", "DEV"],
  ["get", "/api/v1/users", "listUsers", "Users", "COMPANY"],
  ["post", "/api/v1/users", "createUser", "Users", "COMPANY"],
  ["get", "/api/v1/users/{email}", "getUser", "Users", "COMPANY"],
  ["put", "/api/v1/users/{email}", "updateUser", "Users", "COMPANY"],
  ["delete", "/api/v1/users/{email}", "deleteUser", "Users", "COMPANY"],
  ["put", "/api/v1/users/{email}/disable", "disableUser", "Users", "COMPANY"],
  ["put", "/api/v1/users/{email}/enable", "enableUser", "Users", "COMPANY"],
];

// Every declared status code per operation: the seed's 400/401/402 everywhere, 201/409 on adding
// watched packages, and the vendor's 204/403/404/409 where it documents them.
const STATUSES: Record<string, string[]> = {
  listWatchedPackages: ["200", "400", "401", "402"],
  addWatchedPackages: ["201", "400", "401", "402", "409"],
  removeWatchedPackages: ["204", "400", "401", "402", "404"],
  updateWatchedPackage: ["200", "400", "401", "402"],
  listLoadedPackages: ["200", "400", "401", "402"],
  getSbom: ["200", "400", "401", "402"],
  listAgentPools: ["200", "400", "401", "402"],
  createAgentPool: ["201", "400", "401", "402"],
  getAgentPool: ["200", "400", "401", "402", "404"],
  updateAgentPool: ["200", "400", "401", "402", "404"],
  deleteAgentPool: ["204", "400", "401", "402", "403", "404", "409"],
  detachAgents: ["204", "400", "401", "402", "404"],
  enableAgents: ["204", "400", "401", "402", "404"],
  listSystemApiKeys: ["200", "400", "401", "402"],
  createSystemApiKey: ["200", "400", "401", "402"],
  updateSystemApiKeyLabel: ["200", "400", "401", "402"],
  deleteSystemApiKey: ["200", "400", "401", "402"],
  listActions: ["200", "400", "401", "402"],
  createLogAction: ["200", "400", "401", "402"],
  getLogResults: ["200", "400", "401", "402"],
  getLogAction: ["200", "400", "401", "402"],
  createSnapshotAction: ["200", "400", "401", "402"],
  getSnapshotHitData: ["200", "400", "401", "402"],
  getSnapshotActionHits: ["200", "400", "401", "402"],
  getSnapshotAction: ["200", "400", "401", "402"],
  deleteAction: ["204", "400", "401", "402", "404"],
  listAgents: ["200", "400", "401", "402"],
  getSmtpConfiguration: ["200", "400", "401", "402"],
  setSmtpConfiguration: ["200", "400", "401", "402"],
  listRunbookConfigurations: ["200", "400", "401", "402"],
  getFeatureConfig: ["200", "400", "401", "402"],
  setFeatureConfig: ["200", "400", "401", "402"],
  getAuthConfig: ["200", "400", "401", "402"],
  setAuthConfig: ["200", "400", "401", "402"],
  getProvisioningConfig: ["200", "400", "401", "402"],
  setProvisioningConfig: ["200", "400", "401", "402"],
  listCustomSources: ["200", "400", "401", "402"],
  listDebugCases: ["200", "400", "401", "402"],
  createDebugCase: ["200", "400", "401", "402"],
  addRunbook: ["200", "400", "401", "402"],
  stopAllRunbooks: ["200", "400", "401", "402"],
  getRunbook: ["200", "400", "401", "402"],
  getRunbookMethod: ["200", "400", "401", "402"],
  startRunbook: ["200", "400", "401", "402"],
  stopRunbook: ["200", "400", "401", "402"],
  getDebugCase: ["200", "400", "401", "402"],
  listGroups: ["200", "400", "401", "402"],
  createGroup: ["201", "400", "401", "402", "403"],
  getGroup: ["200", "400", "401", "402", "404"],
  updateGroup: ["200", "400", "401", "402", "404"],
  deleteGroup: ["204", "400", "401", "402", "404"],
  addMembers: ["200", "207", "400", "401", "402"],
  removeMembers: ["200", "400", "401", "402"],
  updateMember: ["200", "400", "401", "402"],
  getCompanyLicense: ["200", "400", "401", "402", "404"],
  updateCompanyLicense: ["200", "400", "401", "402"],
  listTags: ["200", "400", "401", "402"],
  listTempAccesses: ["200", "400", "401", "402"],
  addTempAccess: ["201", "400", "401", "402", "403", "404", "409"],
  revokeTempAccess: ["204", "400", "401", "402", "404"],
  listUsers: ["200", "400", "401", "402"],
  createUser: ["201", "400", "401", "402", "403"],
  getUser: ["200", "400", "401", "402", "404"],
  updateUser: ["200", "400", "401", "402", "404"],
  deleteUser: ["204", "400", "401", "402", "404"],
  disableUser: ["204", "400", "401", "402", "404"],
  enableUser: ["204", "400", "401", "402", "404"],
};

// List operations: offset/limit pagination and the PublicApiPage envelope.
const LISTS: [string, string][] = [
  ["get", "/api/v1/watched-packages"],
  ["get", "/api/v1/loaded-packages"],
  ["get", "/api/v1/agent-pools"],
  ["get", "/api/v1/actions"],
  ["get", "/api/v1/actions/logs/{actionId}/messages"],
  ["get", "/api/v1/agents"],
  ["get", "/api/v1/custom-sources"],
  ["get", "/api/v1/debug-cases"],
  ["get", "/api/v1/groups"],
  ["get", "/api/v1/tags"],
  ["get", "/api/v1/temp-access"],
  ["get", "/api/v1/users"],
];

// Success responses with a JSON body: the schema's required fields and its first example's name.
const SUCCESS_BODIES: [string, string, string, string, string[]][] = [
  ["get", "/api/v1/watched-packages", "200", "WatchedPackageList", []],
  ["post", "/api/v1/watched-packages", "201", "WatchedPackagesAdded", []],
  ["put", "/api/v1/watched-packages/{id}", "200", "WatchedPackageUpdated", ["packageName", "version", "classes"]],
  ["get", "/api/v1/loaded-packages", "200", "LoadedPackageList", []],
  ["get", "/api/v1/sbom", "200", "SbomSpdx", []],
  ["get", "/api/v1/agent-pools", "200", "AgentPoolList", []],
  ["post", "/api/v1/agent-pools", "201", "AgentPoolCreated", []],
  ["get", "/api/v1/agent-pools/{id}", "200", "AgentPoolRetrieved", []],
  ["put", "/api/v1/agent-pools/{id}", "200", "AgentPoolUpdated", []],
];

// Request bodies: required flag, top-level type, required fields (of the items for arrays).
const REQUEST_BODIES: [string, string, "array" | "object", string[]][] = [
  ["post", "/api/v1/watched-packages", "array", ["packageName"]],
  ["delete", "/api/v1/watched-packages", "array", []],
  ["put", "/api/v1/watched-packages/{id}", "object", ["packageName", "version", "classes"]],
  ["post", "/api/v1/agent-pools", "object", ["name"]],
  ["put", "/api/v1/agent-pools/{id}", "object", ["name"]],
];

const op = (method: string, path: string) => operation(spec, method, path);
const byId = (id: string) => {
  const found = OPERATIONS.find(([, , opId]) => opId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return op(found[0], found[1]);
};
const param = (o: Record<string, any>, name: string) => (o.parameters ?? []).find((p: any) => p.name === name);

describe("lightrun: operations", () => {
  it("has exactly the documented paths (no undocumented /api/v1/reports)", () => {
    expect(Object.keys(spec.paths).sort()).toEqual([...new Set(OPERATIONS.map(([, p]) => p))].sort());
    expect(spec.paths["/api/v1/reports"]).toBeUndefined();
  });

  it.each(OPERATIONS)("%s %s is %s, tagged %s, permission %s", (method, path, id, tag, level) => {
    const o = op(method, path);
    expect(o.operationId).toBe(id);
    expect(o.tags).toEqual([tag]);
    expect(o["x-permission-level"]).toBe(level);
    expect(o.description).toContain(`**Required API permission level:** \`${level}\``);
    expect(o["x-source"].some((s: string) => s.startsWith("seeds/000_ac48a1da4789e2ba.txt"))).toBe(true);
  });

  it("declares every operation's path methods and nothing else", () => {
    const declared = Object.entries(spec.paths).flatMap(([path, item]: [string, any]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => `${m} ${path}`),
    );
    expect(declared.sort()).toEqual(OPERATIONS.map(([m, p]) => `${m} ${p}`).sort());
  });
});

describe("lightrun: servers and authentication", () => {
  it("serves from the hosted app and a templated self-hosted host", () => {
    expect(spec.servers.map((s: any) => s.url)).toEqual(["https://app.lightrun.com", "https://{host}"]);
    expect(spec.servers[1].variables.host.default).toBeTypeOf("string");
  });

  it("names the seed's example host and TLS 1.2 in the description", () => {
    expect(spec.info.description).toContain("https://lightrun.com");
    expect(spec.info.description).toContain("TLS 1.2 or higher");
    expect(spec.info.description.trimEnd()).toMatch(/## Sources and discrepancies[\s\S]*$/);
    expect(spec.info.description).toContain("/api/v1/reports");
  });

  it("uses an http bearer API key on every operation", () => {
    expect(spec.components.securitySchemes.ApiToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(spec.security).toEqual([{ ApiToken: [] }]);
    for (const [method, path] of OPERATIONS) expect(op(method, path).security).toBeUndefined();
  });

  it.each(OPERATIONS)('%s %s answers 401 with {"message": "401 Unauthorized"}', (method, path) => {
    const r = op(method, path).responses["401"];
    const media = r.content["application/json"];
    expect(Object.keys(r.content)).toEqual(["application/json"]);
    const first = Object.values(media.examples)[0] as any;
    expect(first.value).toEqual({ message: "401 Unauthorized" });
    expect(media.schema.required).toEqual(["message"]);
    expect(media.schema.allOf[0].properties.message.type).toBe("string");
    expect(media.schema.allOf[0].additionalProperties).toBe(true);
  });
});

describe("lightrun: status codes", () => {
  it.each(Object.entries(STATUSES))("%s declares %j", (id, codes) => {
    expect(Object.keys(byId(id).responses).sort()).toEqual([...codes].sort());
  });

  it.each(OPERATIONS)("%s %s: 400 invalid input and 402 request failed carry {message}", (method, path) => {
    const o = op(method, path);
    expect(o.responses["400"].description).toMatch(/^Invalid input, object invalid parameters/);
    expect(o.responses["402"].description).toMatch(/^Request Failed: the request failed but the parameters are valid/);
    for (const code of ["400", "402"]) {
      const schema = o.responses[code].content["application/json"].schema;
      expect(schema.type).toBe("object");
      expect(schema.properties.message.type).toBe("string");
      expect(schema.additionalProperties).toBe(true);
    }
  });

  it("adding watched packages: 201 added to the watch list, 409 already watched", () => {
    const o = byId("addWatchedPackages");
    expect(o.responses["201"].description).toMatch(/^Package added to the watch list/);
    expect(o.responses["201"].content["application/json"].schema.type).toBe("array");
    expect(o.responses["409"].description).toMatch(/^Watched package already exists/);
    expect(o.responses["409"].content["application/json"].schema.properties.message.type).toBe("string");
  });

  it("deleting an agent pool: 403 default pool, 409 live agents", () => {
    const o = byId("deleteAgentPool");
    expect(o.responses["403"].description).toMatch(/Default agent pool can not be deleted/);
    expect(o.responses["409"].description).toMatch(/There are live agents in the pool/);
  });

  // A 204 has no body: no content at all (a media type would make mocks send a Content-Type).
  it.each([
    "removeWatchedPackages",
    "deleteAgentPool",
    "detachAgents",
    "enableAgents",
    "deleteAction",
    "deleteGroup",
    "revokeTempAccess",
    "deleteUser",
    "disableUser",
    "enableUser",
  ])("%s: 204 declares no content", (id) => {
    const response = byId(id).responses["204"];
    expect(response.content).toBeUndefined();
    expect(response.description).toMatch(/No body\.$/);
  });
});

describe("lightrun: pagination", () => {
  it.each(LISTS)("%s %s takes offset (>= 0, no default) and limit (default 10, 1..1000)", (method, path) => {
    const o = op(method, path);
    const offset = param(o, "offset");
    const limit = param(o, "limit");
    expect(offset).toMatchObject({ in: "query", required: false });
    expect(offset.schema).toMatchObject({ type: "integer", minimum: 0 });
    expect(offset.schema.default).toBeUndefined();
    expect(limit).toMatchObject({ in: "query", required: false });
    expect(limit.schema).toMatchObject({ type: "integer", default: 10, minimum: 1, maximum: 1000 });
    // The vendor's page/size/sort are not declared: the seed wins.
    for (const name of ["page", "size", "sort"]) expect(param(o, name)).toBeUndefined();
  });

  it.each(LISTS)("%s %s answers the PublicApiPage envelope as application/json", (method, path) => {
    const content = op(method, path).responses["200"].content;
    expect(Object.keys(content)).toEqual(["application/json"]);
    const props = content["application/json"].schema.properties;
    expect(props.items.type).toBe("array");
    expect(props.total).toMatchObject({ type: "integer", format: "int64" });
    expect(props.offset).toMatchObject({ type: "integer", format: "int64" });
    expect(props.limit).toMatchObject({ type: "integer", format: "int32" });
    expect(props.hasMore).toMatchObject({ type: "boolean" });
  });

  it("non-list operations take no pagination parameters", () => {
    for (const [method, path] of OPERATIONS) {
      if (LISTS.some(([m, p]) => m === method && p === path)) continue;
      expect(param(op(method, path), "offset")).toBeUndefined();
      expect(param(op(method, path), "limit")).toBeUndefined();
    }
  });
});

describe("lightrun: bodies", () => {
  it.each(SUCCESS_BODIES)("%s %s %s is JSON (never */*), first example %s", (method, path, code, first, required) => {
    const content = op(method, path).responses[code].content;
    expect(content["*/*"]).toBeUndefined();
    const media = content["application/json"];
    expect(Object.keys(media.examples)[0]).toBe(first);
    if (required.length) expect(media.schema.required).toEqual(required);
  });

  it.each(REQUEST_BODIES)("%s %s takes a required JSON %s body", (method, path, type, required) => {
    const body = op(method, path).requestBody;
    expect(body.required).toBe(true);
    const schema = body.content["application/json"].schema;
    expect(schema.type).toBe(type);
    if (type === "array") {
      expect(schema.uniqueItems).toBe(true);
      if (required.length) expect(schema.items.required).toEqual(required);
    } else {
      expect(schema.required).toEqual(required);
    }
  });

  it("DELETE /api/v1/watched-packages takes a JSON array of package ids", () => {
    const schema = op("delete", "/api/v1/watched-packages").requestBody.content["application/json"].schema;
    expect(schema).toMatchObject({ type: "array", uniqueItems: true, items: { type: "string" } });
  });

  it("agent pool description is limited to 255 characters", () => {
    const schema = op("post", "/api/v1/agent-pools").requestBody.content["application/json"].schema;
    expect(schema.properties.description.maxLength).toBe(255);
  });

  it("loaded packages: status enum and JAVA-only type", () => {
    const o = op("get", "/api/v1/loaded-packages");
    expect(param(o, "status").schema.items.enum).toEqual(["NOT_LOADED", "LOADED", "LOADED_WITH_CLASSES"]);
    const item = o.responses["200"].content["application/json"].schema.properties.items.items;
    expect(item.properties.type.enum).toEqual(["JAVA"]);
    expect(item.properties.classes.items.properties.status.enum).toEqual(["NOT_LOADED", "LOADED"]);
  });
});

describe("lightrun: SBOM", () => {
  const sbom = op("get", "/api/v1/sbom");

  it("requires creationTime, format, sbomPackageName, sbomSupplierName and sbomVersion", () => {
    const required = sbom.parameters
      .filter((p: any) => p.required)
      .map((p: any) => p.name)
      .sort();
    expect(required).toEqual(["creationTime", "format", "sbomPackageName", "sbomSupplierName", "sbomVersion"]);
    expect(param(sbom, "format").schema.enum).toEqual(["SPDX", "CYCLONE_DX", "CSV"]);
    expect(param(sbom, "creationTime").schema).toMatchObject({ type: "string", format: "date" });
  });

  it("answers SPDX or CycloneDX JSON objects, or CSV text", () => {
    const content = sbom.responses["200"].content;
    expect(Object.keys(content).sort()).toEqual(["application/json", "text/plain"]);
    const json = content["application/json"];
    expect(json.schema.oneOf).toHaveLength(2);
    expect(json.schema.oneOf.map((s: any) => s.additionalProperties)).toEqual([true, true]);
    expect(Object.keys(json.examples)).toEqual(["SbomSpdx", "SbomCycloneDx"]);
    expect(content["text/plain"].schema.type).toBe("string");
    expect(Object.keys(content["text/plain"].examples)).toEqual(["SbomCsv"]);
  });

  it("the SPDX and CycloneDX variants are mutually exclusive", () => {
    const ajv = createAjv();
    const validate = ajv.compile(sbom.responses["200"].content["application/json"].schema);
    expect(validate({ spdxVersion: "SPDX-2.3" })).toBe(true);
    expect(validate({ bomFormat: "CycloneDX" })).toBe(true);
    expect(validate({ spdxVersion: "SPDX-2.3", bomFormat: "CycloneDX" })).toBe(false);
    expect(validate({})).toBe(false);
  });
});

// The faults of the vendor's generated document that the description corrects (issue 20).
describe("lightrun: the vendor document's faults, corrected", () => {
  it.each(OPERATIONS)("%s %s: x-confidence, LR-SPEC in x-source, every 4xx the {message} body", (method, path) => {
    const o = op(method, path);
    expect(o["x-confidence"]).toBe("medium");
    expect(o["x-source"].some((s: string) => s.startsWith("reference/saas-apis.md"))).toBe(true);
    for (const [code, response] of Object.entries<any>(o.responses)) {
      if (!/^4/.test(code)) continue;
      const schema = response.content["application/json"].schema;
      const message = schema.properties?.message ?? schema.allOf?.[0]?.properties?.message;
      expect(message.type).toBe("string");
    }
  });

  it("lists system API keys as an array (the vendor's schema: one object, its example: a list)", () => {
    const schema = byId("listSystemApiKeys").responses["200"].content["application/json"].schema;
    expect(schema.properties.items.type).toBe("array");
    expect(schema.properties.items.default).toBeUndefined();
  });

  it('selfRegistrationAllowedDomains defaults to the empty array (the vendor\'s: the string "[]")', () => {
    const schema = byId("setProvisioningConfig").requestBody.content["application/json"].schema;
    expect(schema.properties.selfRegistrationAllowedDomains.default).toEqual([]);
  });

  it("names every operation verb+Noun (the vendor's get, set, enable, disable are renamed)", () => {
    const ids = OPERATIONS.map(([, , id]) => id);
    for (const vendor of ["get", "set", "enable", "disable", "getSystemApiKeyList"]) expect(ids).not.toContain(vendor);
    expect(ids).toEqual(
      expect.arrayContaining([
        "getSmtpConfiguration",
        "setSmtpConfiguration",
        "enableUser",
        "disableUser",
        "listSystemApiKeys",
      ]),
    );
  });

  it("the feature toggle values are ENABLED or DISABLED and the named examples use them", () => {
    const o = byId("setFeatureConfig");
    const media = o.requestBody.content["application/json"];
    expect(media.schema.properties.features.additionalProperties.enum).toEqual(["DISABLED", "ENABLED"]);
    const ajv = createAjv();
    for (const example of Object.values<any>(media.examples))
      expect(ajv.validate(media.schema, example.value), JSON.stringify(ajv.errors)).toBe(true);
  });
});

// Type-level tests of the generated clients: compiled by `npm run typecheck` (and by
// test/commands/typecheck.test.ts), never run. Each @ts-expect-error must stay an error: if a client
// stopped rejecting the call, tsc would report the directive as unused and fail.
import { createHealthchecksClient } from "../../generated/healthchecks/index.js";
import { createLamplighterClient } from "../../generated/lamplighter/index.js";
import { createLightrunClient } from "../../generated/lightrun/index.js";
import { createLivebridgeClient } from "../../generated/livebridge/index.js";
import { createRunCloudClient } from "../../generated/runcloud/index.js";

export async function healthchecks() {
  const hc = createHealthchecksClient({ apiKey: "k" });
  const { data } = await hc.GET("/api/v1/checks/", { params: { query: { tag: ["prod", "www"] } } });
  const name: string | undefined = data?.checks[0]?.name;
  const lastPing: string | null | undefined = data?.checks[0]?.last_ping;
  await hc.POST("/api/v1/checks/{code}/pause", { params: { path: { code: "f618072a-7bde-4eee-af63-71a77c5723bc" } } });
  // @ts-expect-error a missing path parameter
  await hc.POST("/api/v1/checks/{code}/pause", {});
  // @ts-expect-error a wrong body field type (timeout is an integer)
  await hc.POST("/api/v1/checks/", { body: { timeout: "300" } });
  // @ts-expect-error a value outside the `unique` enum
  await hc.POST("/api/v1/checks/", { body: { unique: ["slug"] } });
  // @ts-expect-error a path that does not exist (no trailing slash)
  await hc.GET("/api/v1/checks");
  return [name, lastPing];
}

export async function lightrun() {
  const lr = createLightrunClient({ token: "t" });
  const { data } = await lr.GET("/api/v1/agent-pools", { params: { query: { offset: 0, limit: 1000 } } });
  const first = data?.items?.[0]?.name;
  // @ts-expect-error a missing path parameter
  await lr.GET("/api/v1/agent-pools/{id}", {});
  // @ts-expect-error a wrong body field type
  await lr.POST("/api/v1/agent-pools", { body: { name: 42 } });
  return first;
}

export async function runcloud() {
  const rc = createRunCloudClient({ basic: { username: "key", password: "secret" } });
  const { data } = await rc.GET("/servers", { params: { query: { page: 1, perPage: 40 } } });
  const current = data?.meta.pagination.current_page;
  // @ts-expect-error a missing path parameter
  await rc.GET("/servers/{serverId}", {});
  // @ts-expect-error a wrong body field type
  await rc.POST("/servers", { body: { name: 1, ipAddress: "203.0.113.7" } });
  // @ts-expect-error a token is a string
  createRunCloudClient({ token: 1 });
  return current;
}

export async function lamplighter() {
  const ll = createLamplighterClient({ basic: { username: "key", password: "secret" } });
  const { data } = await ll.GET("/user/{id}", { params: { path: { id: 41 }, query: { embed: "notes" } } });
  const email = data?.data.email;
  // @ts-expect-error a missing path parameter
  await ll.GET("/user/{id}", {});
  // @ts-expect-error a cms outside the enum
  await ll.POST("/site", { body: { name: "x", url: "https://x.example", cms: "Drupal" } });
  return email;
}

export async function livebridge() {
  const lb = createLivebridgeClient({ baseUrl: "http://127.0.0.1:8080" });
  await lb.login("user", "password");
  const { data, response } = await lb.GET("/api/v1/controldata");
  const etag = response.headers.get("Etag") ?? "";
  if (data) await lb.PUT("/api/v1/controldata", { params: { header: { "If-Match": etag } }, body: data });
  // @ts-expect-error If-Match is a required header parameter
  await lb.PUT("/api/v1/controldata", { body: { auth: {}, bridges: [] } });
  // @ts-expect-error a wrong body field type on the login form
  await lb.POST("/api/v1/session", { body: { username: 1, password: "x" } });
}

// Livebridge: updateControlData (GET + Etag, change, PUT If-Match, again on 412) and the session's
// single re-login on `Invalid token.`, against a local stand-in for the Livebridge Web-API.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ControlDataUpdateError,
  createLivebridgeClient,
  unwrap,
  updateControlData,
  type ControlData,
  type ControlDataUpload,
} from "../../generated/livebridge/index.js";
import { caught, expectNoSecrets, startServer, type Recorded, type Reply, type TestServer } from "./server.js";

const USER = "lb-admin";
const PASSWORD = "lb-password-s3cr3t";
const BRIDGE_PASSWORD = "liveblog-account-password-42"; // stored inside the control data (clear text)
const CONTROL = "/api/v1/controldata";
const SESSION = "/api/v1/session";

const INITIAL: ControlData = {
  auth: { dev: { user: "liveblog", password: BRIDGE_PASSWORD } },
  bridges: [{ type: "liveblog", source_id: "a1", targets: [] }],
};

const etagOf = (doc: unknown) => createHash("md5").update(JSON.stringify(doc)).digest("hex");

interface State {
  doc: unknown;
  tokens: Set<string>;
  issued: string[];
  /** Runs before a PUT is checked: simulates another writer. */
  beforePut?: (state: State) => void;
  /** Invalidates every token before the next N protected requests are checked. */
  forgetTokens: number;
  /** Answers GET without an Etag. */
  noEtag?: boolean;
}

let server: TestServer;
let state: State;

function serveLivebridge() {
  state = { doc: structuredClone(INITIAL), tokens: new Set(), issued: [], forgetTokens: 0 };
  server.handle((req): Reply => {
    if (req.path === SESSION && req.method === "POST") {
      const form = new URLSearchParams(req.body);
      if (form.get("username") !== USER || form.get("password") !== PASSWORD)
        return { status: 401, json: { error: "Unauthorized" } };
      const token = `00000000-0000-4000-8000-${String(state.issued.length + 1).padStart(12, "0")}`;
      state.issued.push(token);
      state.tokens.add(token);
      return { json: { token }, headers: { "Set-Cookie": `lb-db=${token}; Path=/` } };
    }
    if (state.forgetTokens > 0) {
      state.forgetTokens--;
      state.tokens.clear(); // the server restarted
    }
    if (!state.tokens.has(String(req.headers["x-auth-token"])))
      return { status: 401, json: { error: "Invalid token." } };
    if (req.path === CONTROL && (req.method === "GET" || req.method === "HEAD")) {
      return { json: state.doc, headers: state.noEtag ? {} : { Etag: etagOf(state.doc) } };
    }
    if (req.path === CONTROL && req.method === "PUT") {
      state.beforePut?.(state);
      if (req.headers["if-match"] !== etagOf(state.doc))
        return { status: 412, json: { error: "Checksum check failed." } };
      state.doc = JSON.parse(req.body);
      return { json: { ok: "true" } };
    }
    return { status: 405, json: { error: "Method Not Allowed" } };
  });
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => serveLivebridge());

async function loggedIn() {
  const client = createLivebridgeClient({ baseUrl: server.url });
  await client.login(USER, PASSWORD);
  return client;
}

const log = (requests: Recorded[]) =>
  requests.map((r) => `${r.method} ${r.path} ${r.method === "PUT" ? `If-Match=${r.headers["if-match"]}` : ""}`.trim());

const addBridge =
  (id: string) =>
  (doc: ControlData): ControlDataUpload => ({
    ...doc,
    bridges: [...doc.bridges, { type: "liveblog", source_id: id, targets: [] }],
  });

describe("livebridge updateControlData", () => {
  it("reads, changes and writes with If-Match in one round when nobody interferes", async () => {
    const client = await loggedIn();
    const before = etagOf(state.doc);
    const result = await updateControlData(client, addBridge("b2"));
    expect(result.attempts).toBe(1);
    expect(result.previousEtag).toBe(before);
    expect(state.doc).toEqual({
      ...INITIAL,
      bridges: [...INITIAL.bridges, { type: "liveblog", source_id: "b2", targets: [] }],
    });
    expect(log(server.requests)).toEqual([`POST ${SESSION}`, `GET ${CONTROL}`, `PUT ${CONTROL} If-Match=${before}`]);
    const put = server.requests[2]!;
    expect(put.headers["x-auth-token"]).toBe(state.issued[0]);
    expect(put.headers["content-type"]).toBe("application/json");
  });

  it("on 412 reads again and re-applies the change to the new document", async () => {
    const client = await loggedIn();
    const first = etagOf(state.doc);
    state.beforePut = (s) => {
      s.doc = {
        ...(s.doc as ControlData),
        bridges: [...(s.doc as ControlData).bridges, { type: "liveblog", source_id: "other-writer", targets: [] }],
      };
      s.beforePut = undefined; // only once
    };
    const seen: { ids: unknown[]; attempt: number; etag: string }[] = [];
    const result = await updateControlData(client, async (doc, context) => {
      seen.push({ ids: doc.bridges.map((b) => b.source_id), ...context });
      await new Promise((r) => setTimeout(r, 1)); // an async change
      return addBridge("mine")(doc);
    });
    const second = etagOf({
      ...INITIAL,
      bridges: [...INITIAL.bridges, { type: "liveblog", source_id: "other-writer", targets: [] }],
    });
    expect(result.attempts).toBe(2);
    expect(result.previousEtag).toBe(second);
    expect(seen).toEqual([
      { ids: ["a1"], attempt: 1, etag: first },
      { ids: ["a1", "other-writer"], attempt: 2, etag: second },
    ]);
    expect((state.doc as ControlData).bridges.map((b) => b.source_id)).toEqual(["a1", "other-writer", "mine"]);
    expect(log(server.requests)).toEqual([
      `POST ${SESSION}`,
      `GET ${CONTROL}`,
      `PUT ${CONTROL} If-Match=${first}`,
      `GET ${CONTROL}`,
      `PUT ${CONTROL} If-Match=${second}`,
    ]);
  });

  it("gives up after 3 rounds of 412 with a typed error that holds no credentials", async () => {
    const client = await loggedIn();
    let n = 0;
    state.beforePut = (s) => {
      s.doc = { ...(s.doc as ControlData), bridges: [{ type: "liveblog", source_id: `race-${++n}`, targets: [] }] };
    };
    const error = await caught(() => updateControlData(client, addBridge("mine")));
    expect(error).toBeInstanceOf(ControlDataUpdateError);
    expect((error as ControlDataUpdateError).reason).toBe("conflict");
    expect((error as ControlDataUpdateError).attempts).toBe(3);
    expect(error.message).toBe(
      "control data changed concurrently: PUT /api/v1/controldata got 412 in each of 3 attempt(s)",
    );
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET", "PUT", "GET", "PUT", "GET", "PUT"]);
    expectNoSecrets(error, [PASSWORD, BRIDGE_PASSWORD, ...state.issued]);
  });

  it("takes the number of rounds from `attempts`", async () => {
    const client = await loggedIn();
    state.beforePut = (s) => {
      s.doc = { auth: {}, bridges: [{ source_id: Math.random() }] };
    };
    const error = await caught(() => updateControlData(client, addBridge("mine"), { attempts: 2 }));
    expect((error as ControlDataUpdateError).attempts).toBe(2);
    expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(2);
    await expect(updateControlData(client, addBridge("x"), { attempts: 0 })).rejects.toThrow(RangeError);
  });

  it("refuses to PUT without an Etag", async () => {
    const client = await loggedIn();
    state.noEtag = true;
    const error = await caught(() => updateControlData(client, addBridge("mine")));
    expect(error).toBeInstanceOf(ControlDataUpdateError);
    expect((error as ControlDataUpdateError).reason).toBe("no-etag");
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("refuses a change() that returns nothing", async () => {
    const client = await loggedIn();
    const mutateOnly = ((doc: ControlData) => void doc.bridges.push({ source_id: "lost" })) as unknown as (
      doc: ControlData,
    ) => ControlDataUpload;
    await expect(updateControlData(client, mutateOnly)).rejects.toThrow(TypeError);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
  });
});

describe("livebridge session: expired token", () => {
  it("logs in again once on 401 Invalid token. and retries the request", async () => {
    const client = await loggedIn();
    state.forgetTokens = 1;
    const result = await updateControlData(client, addBridge("after-restart"));
    expect(result.attempts).toBe(1);
    expect(state.issued).toHaveLength(2);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers["x-auth-token"] ?? "-"}`)).toEqual([
      `POST ${SESSION} -`,
      `GET ${CONTROL} ${state.issued[0]}`,
      `POST ${SESSION} -`,
      `GET ${CONTROL} ${state.issued[1]}`,
      `PUT ${CONTROL} ${state.issued[1]}`,
    ]);
  });

  it("returns a second 401 instead of looping", async () => {
    const client = await loggedIn();
    state.forgetTokens = 2;
    const read = await client.GET("/api/v1/controldata");
    expect(read.response.status).toBe(401);
    expect(read.error).toEqual({ error: "Invalid token." });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${SESSION}`,
      `GET ${CONTROL}`,
      `POST ${SESSION}`,
      `GET ${CONTROL}`,
    ]);
  });

  it("throws ApiError 401 from updateControlData when the new token fails too, without credentials", async () => {
    const client = await loggedIn();
    state.forgetTokens = 2;
    const error = await caught(() => updateControlData(client, addBridge("never")));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(error.message).toBe(`GET ${server.url}${CONTROL} failed with HTTP 401: Invalid token.`);
    expect(server.requests).toHaveLength(4);
    expectNoSecrets(error, [PASSWORD, BRIDGE_PASSWORD, ...state.issued]);
    expectNoSecrets(new Error(JSON.stringify(client.session)), [PASSWORD, ...state.issued]);
  });

  it("logs in again once on a 401 to HEAD, which has no body, and repeats the HEAD", async () => {
    const client = await loggedIn();
    state.forgetTokens = 1;
    const head = await client.HEAD("/api/v1/controldata");
    expect(head.response.status).toBe(200);
    expect(head.error).toBeUndefined();
    expect(head.response.headers.get("etag")).toBe(etagOf(state.doc));
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers["x-auth-token"] ?? "-"}`)).toEqual([
      `POST ${SESSION} -`,
      `HEAD ${CONTROL} ${state.issued[0]}`,
      `POST ${SESSION} -`,
      `HEAD ${CONTROL} ${state.issued[1]}`,
    ]);
  });

  it("logs in again on any 401, whatever its body says", async () => {
    const client = await loggedIn();
    let first = true;
    server.handle((req): Reply => {
      if (req.path === CONTROL && first) {
        first = false;
        return { status: 401, json: { error: "Session expired" } };
      }
      if (req.path === SESSION) return { json: { token: "00000000-0000-4000-8000-000000000009" } };
      return { json: INITIAL, headers: { Etag: etagOf(INITIAL) } };
    });
    const read = await client.GET("/api/v1/controldata");
    expect(read.data).toEqual(INITIAL);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${CONTROL}`,
      `POST ${SESSION}`,
      `GET ${CONTROL}`,
    ]);
  });

  it("a HEAD that fails twice has a defined error although it has no body", async () => {
    const client = await loggedIn();
    state.forgetTokens = 2;
    const head = await client.HEAD("/api/v1/controldata");
    expect(head.response.status).toBe(401);
    expect(head.error).toBe("HTTP 401 Unauthorized");
    if (!head.error) throw new Error("`if (error)` must see the failure");
    expect(server.requests).toHaveLength(4);
  });

  it("a failed login throws ApiError without the password", async () => {
    const client = createLivebridgeClient({ baseUrl: server.url });
    const error = await caught(() => client.login(USER, "wrong-password-123"));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expectNoSecrets(error, ["wrong-password-123", USER]);
    expect(unwrap).toBeTypeOf("function");
  });
});

// Runs the live checks of one API against a server and returns the recorder's rows, with the
// server version whose exact expectations were applied. The answers are checked against the
// build's generated/<api>/openapi.dereferenced.json (NotBuiltError when missing or stale).
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { getApi } from "../registry/apis.js";
import { readDereferenced } from "../serve/built-document.js";
import type { HealthchecksTarget } from "./healthchecks.js";
import { detectVersion, expectationsFor, parseVersion, UnknownVersionError } from "./healthchecks-versions.js";
import type { LivebridgeTarget } from "./livebridge.js";
import { networkCause, Recorder, UnreachableError } from "./recorder.js";

export const LIVE_APIS = ["healthchecks", "livebridge"] as const;
export type LiveApi = (typeof LIVE_APIS)[number];

export type LiveTarget =
  | { api: "healthchecks"; target: HealthchecksTarget; serverVersion?: string }
  | { api: "livebridge"; target: LivebridgeTarget; serverVersion?: string };

/** The one Livebridge version described (and run by test:live). */
export const LIVEBRIDGE_VERSION = "0.27.0";

/** The spec the answers are checked against: the build's dereferenced document (schemas validate standalone). */
export function loadDocument(api: LiveApi): OpenAPIObject {
  return readDereferenced(getApi(api));
}

export interface LiveRun {
  rec: Recorder;
  /** The server version whose expectations were applied, and how it was learnt. */
  version: string;
}

/** The status of a request (no body), for version detection; a network failure is UnreachableError. */
function asker(base: string) {
  return async (method: string, path: string, apiKey?: string): Promise<number> => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: apiKey ? { "X-Api-Key": apiKey } : {},
        signal: AbortSignal.timeout(30_000),
      });
      await res.body?.cancel();
      return res.status;
    } catch (error) {
      throw new UnreachableError(`cannot reach ${new URL(base).origin}: ${networkCause(error)}`);
    }
  };
}

export async function runLiveChecks(live: LiveTarget): Promise<LiveRun> {
  const rec = new Recorder(loadDocument(live.api));
  if (live.api === "livebridge") {
    if (live.serverVersion !== undefined && live.serverVersion.replace(/^v/, "") !== LIVEBRIDGE_VERSION) {
      throw new UnknownVersionError(
        `verify has exact expectations for Livebridge ${LIVEBRIDGE_VERSION} only, not ${live.serverVersion}`,
      );
    }
    // The checks run through the generated client: loaded once the build is known to be there.
    const { checkLivebridge } = await import("./livebridge.js");
    await checkLivebridge(rec, live.target);
    return {
      rec,
      version: `Livebridge ${LIVEBRIDGE_VERSION} (${live.serverVersion ? "given" : "the one version described"})`,
    };
  }
  const base = live.target.url.replace(/\/+$/, "");
  let found: { version: readonly [number, number, number]; source: string };
  if (live.serverVersion !== undefined) {
    const version = parseVersion(live.serverVersion);
    if (!version)
      throw new UnknownVersionError(`--server-version "${live.serverVersion}" is not a version like 1.15.0`);
    found = { version, source: "given" };
  } else {
    found = await detectVersion(asker(base), live.target.readOnlyKey);
  }
  const expectations = expectationsFor(found.version, found.source, live.target.readOnlyKey !== undefined);
  const { checkHealthchecks } = await import("./healthchecks.js");
  await checkHealthchecks(rec, live.target, expectations);
  return { rec, version: `Healthchecks ${found.version.join(".")} (${found.source})` };
}

// What a Healthchecks server answers, exactly, per version: the live checks expect one status per
// probe for the version they are told (`--server-version`) or detect, so a v1.15.0 server that
// answers like v1.3.0 departs. Facts come from running v1.3.0, v1.15.0 and v1.23.1 (test:live),
// their source, and the CHANGELOG of v4.3; verify refuses a version it cannot say exactly.

export type Version = readonly [number, number, number];

/** `1.15.0`, `v1.15.0` or `1.15` (patch 0). */
export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export const formatVersion = (v: Version) => v.join(".");

function atLeast(v: Version, since: Version): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== since[i]) return v[i]! > since[i]!;
  return true;
}

/** A version the live checks have no exact expectations for. */
export class UnknownVersionError extends Error {
  override readonly name = "UnknownVersionError";
}

export const KNOWN_VERSIONS = "1.3.0 to 1.23.x (1.4.0 to 1.14.x only without a read-only key)";

export interface HealthchecksExpectations {
  version: Version;
  /** How the version was learnt: `given` or what detection saw. */
  source: string;
  /** GET on a single check (v1.14.0); before it, GET on an own check is 405. */
  getCheck: boolean;
  /** getCheck accepts the read-only key (v1.15.0); before it, 401. */
  readOnlyGetCheck: boolean;
  /** listChannels with the read-only key: 200 in v1.3.0, 401 from v1.15.0 (undefined: changed in between, not known when). */
  listChannelsReadOnly: 200 | 401 | undefined;
  /** GET and DELETE bodies are parsed (an unparsable one is a 400) before v1.23.0; later ignored. */
  parsesGetBody: boolean;
  /** listPings, listFlips and lookups by `unique_key` (v1.16.0). */
  pingsAndFlips: boolean;
  /** listBadges (v1.23.0). */
  badges: boolean;
}

const V1_3_0: Version = [1, 3, 0];
const V1_14_0: Version = [1, 14, 0];
const V1_15_0: Version = [1, 15, 0];
const V1_16_0: Version = [1, 16, 0];
const V1_23_0: Version = [1, 23, 0];
/** v1.24.0 stopped the 500 of pauseCheck on a JSON array body (CHANGELOG); later versions also changed what else the probes see. */
const V1_24_0: Version = [1, 24, 0];

/**
 * The exact expectations for a version, or UnknownVersionError. `readOnlyKey`: whether the
 * probes that use it will run (one of them is unknown for 1.4.0 to 1.14.x).
 */
export function expectationsFor(version: Version, source: string, readOnlyKey: boolean): HealthchecksExpectations {
  const label = formatVersion(version);
  if (!atLeast(version, V1_3_0) || atLeast(version, V1_24_0)) {
    throw new UnknownVersionError(`verify has exact expectations for Healthchecks ${KNOWN_VERSIONS}, not ${label}`);
  }
  const listChannelsReadOnly = !atLeast(version, [1, 4, 0]) ? 200 : atLeast(version, V1_15_0) ? 401 : undefined;
  if (readOnlyKey && listChannelsReadOnly === undefined) {
    throw new UnknownVersionError(
      `verify cannot say what Healthchecks ${label} answers to listChannels with a read-only key (200 in 1.3.0, 401 from 1.15.0); leave the read-only key out, or verify ${KNOWN_VERSIONS}`,
    );
  }
  return {
    version,
    source,
    getCheck: atLeast(version, V1_14_0),
    readOnlyGetCheck: atLeast(version, V1_15_0),
    listChannelsReadOnly,
    parsesGetBody: !atLeast(version, V1_23_0),
    pingsAndFlips: atLeast(version, V1_16_0),
    badges: atLeast(version, V1_23_0),
  };
}

/** What one detection request saw: the status of a request without a key. */
export type Ask = (method: string, path: string, apiKey?: string) => Promise<number>;

/**
 * The version range a server is in, from which routes exist: a request without a key to an API
 * route gets 401, to a route the version lacks 404. Refuses what it cannot pin down exactly.
 */
export async function detectVersion(
  ask: Ask,
  readOnlyKey: string | undefined,
): Promise<{ version: Version; source: string }> {
  const uuid = "00000000-0000-4000-8000-000000000000";
  if ((await ask("POST", `/api/v1/checks/${uuid}/resume`)) === 401) {
    throw new UnknownVersionError(
      `the server has resumeCheck (v2.3 or later); verify has exact expectations for Healthchecks ${KNOWN_VERSIONS}`,
    );
  }
  if ((await ask("GET", "/api/v1/badges/")) === 401) {
    return {
      version: V1_23_0,
      source:
        "detected 1.23.0 to 1.23.x (/api/v1/badges/ exists, /resume does not; a 1.24.0 to 2.2.x server looks the same: give --server-version)",
    };
  }
  if ((await ask("GET", `/api/v1/checks/${uuid}/pings/`)) === 401) {
    return { version: V1_16_0, source: "detected 1.16.0 to 1.22.x (/pings/ exists, /api/v1/badges/ does not)" };
  }
  if (readOnlyKey && (await ask("GET", `/api/v1/checks/${uuid}`, readOnlyKey)) === 404) {
    return { version: V1_15_0, source: "detected 1.15.0 (a read-only key may GET a check; no /pings/)" };
  }
  throw new UnknownVersionError(
    `the server is older than 1.${readOnlyKey ? "15" : "16"}.0, which verify cannot tell apart by itself: give --server-version (e.g. --server-version 1.3.0)${readOnlyKey ? "" : " or a read-only key"}`,
  );
}

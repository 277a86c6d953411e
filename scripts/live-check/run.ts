// Runs the live checks of one API against a server and returns the recorder's rows.
import { getApi } from "../registry/apis.js";
import { bundleApi } from "../build/bundle.js";
import { checkHealthchecks, type HealthchecksTarget } from "./healthchecks.js";
import { checkLivebridge, type LivebridgeTarget } from "./livebridge.js";
import { Recorder } from "./recorder.js";

export const LIVE_APIS = ["healthchecks", "livebridge"] as const;
export type LiveApi = (typeof LIVE_APIS)[number];

export type LiveTarget = { api: "healthchecks"; target: HealthchecksTarget } | { api: "livebridge"; target: LivebridgeTarget };

/** The spec the answers are checked against: bundled from specs/ and dereferenced (schemas validate standalone). */
export function loadBundle(api: LiveApi): Promise<Record<string, any>> {
  return bundleApi(getApi(api), { dereference: true });
}

export async function runLiveChecks(live: LiveTarget): Promise<Recorder> {
  const rec = new Recorder(await loadBundle(live.api));
  if (live.api === "healthchecks") await checkHealthchecks(rec, live.target);
  else await checkLivebridge(rec, live.target);
  return rec;
}

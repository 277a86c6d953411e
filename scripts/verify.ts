// `npm run verify -- <api> <base-url> [credentials] [--write]`: runs the live suite's checks
// (scripts/live-check/) against your own Healthchecks or Livebridge server, prints a table per
// operation and exits 1 on any departure from the spec. Read-only by default; --write also
// creates and deletes its own checks (Healthchecks) or writes back the control data it read
// (Livebridge). Credentials come from the command line or the environment:
//   healthchecks: <api-key> [read-only-key]          or HC_API_KEY, HC_API_KEY_READONLY
//   livebridge:   <username> <password>              or LB_USER, LB_PASSWORD
import { formatTable } from "./live-check/recorder.js";
import { LIVE_APIS, runLiveChecks, type LiveTarget } from "./live-check/run.js";
import { parseOrExit, type CommandSpec } from "./cli/command-line.js";

process.env.REDOCLY_TELEMETRY = "off";

const USAGE = `usage: npm run verify -- <api> <base-url> [credentials] [--write]
  npm run verify -- healthchecks http://localhost:8000 <api-key> [<read-only-key>] [--write]
  npm run verify -- livebridge http://localhost:8080 <username> <password> [--write]
Credentials may also come from HC_API_KEY / HC_API_KEY_READONLY or LB_USER / LB_PASSWORD.`;

function target(args: string[], write: boolean): LiveTarget {
  const [api, base, first, second] = args;
  if (!api || !base) throw new Error(USAGE);
  if (!(LIVE_APIS as readonly string[]).includes(api)) throw new Error(`verify supports ${LIVE_APIS.join(" and ")} (the APIs with servers you can run), not "${api}"\n${USAGE}`);
  const url = new URL(base); // a clear TypeError for a bad URL
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`base URL must be http(s): ${url.origin}`);
  if (api === "healthchecks") {
    const apiKey = first ?? process.env.HC_API_KEY;
    if (!apiKey) throw new Error(`healthchecks needs a read-write API key (argument or HC_API_KEY)\n${USAGE}`);
    const readOnlyKey = second ?? process.env.HC_API_KEY_READONLY;
    return { api, target: { url: url.toString(), apiKey, ...(readOnlyKey ? { readOnlyKey } : {}), write } };
  }
  const user = first ?? process.env.LB_USER;
  const password = second ?? process.env.LB_PASSWORD;
  if (!user || !password) throw new Error(`livebridge needs a username and password (arguments or LB_USER, LB_PASSWORD)\n${USAGE}`);
  return { api: "livebridge", target: { url: url.toString(), user, password, write } };
}

const spec: CommandSpec = {
  command: "npm run verify",
  summary: "Runs the live checks against your own Healthchecks or Livebridge server; exits 1 on any departure from the spec.",
  positionals: { usage: "<api> <base-url> [credentials…]", min: 0, max: 4 },
  options: [{ name: "--write", help: "also create, change and delete its own checks (Healthchecks) or write back the control data (Livebridge)" }],
  notes: USAGE.split("\n").slice(1),
};
const { options, positional } = parseOrExit(spec);

try {
  const write = options["--write"] === true;
  const live = target(positional, write);
  const rec = await runLiveChecks(live);
  console.log(`${live.api} at ${new URL(live.target.url).origin} (${write ? "read and write" : "read-only"} checks)\n`);
  console.log(formatTable(rec.rows));
  const failures = rec.failures.length;
  console.log(`\n${rec.rows.length} probe(s), ${failures} with departures from the ${live.api} spec.`);
  process.exitCode = failures > 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}

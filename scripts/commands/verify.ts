// `npm run verify -- <api> <base-url> [credentials] [--write] [--server-version V] [--control-file F]`:
// runs the live suite's checks (scripts/live-check/) against your own Healthchecks or Livebridge
// server, prints a table per operation and exits 1 on any departure from the spec — the server's,
// or one of the requests verify sent. Read-only by default; --write also creates and deletes its
// own checks (Healthchecks) or, given the control file, writes and then restores it byte for byte
// (Livebridge). Each probe expects the one status of the server's version (given or detected).
// An unreachable server, a bad URL, a version verify cannot be exact about, or no current build
// (the spec is generated/<api>/openapi.dereferenced.json: `npm run build` first): one line, exit 2.
// Credentials come from the command line or the environment, and never appear in the output:
//   healthchecks: <api-key> [read-only-key]          or HC_API_KEY, HC_API_KEY_READONLY
//   livebridge:   <username> <password>              or LB_USER, LB_PASSWORD
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { maskUrl, redactText } from "../conformance/secrets.js";
import { NotBuiltError } from "../serve/built-document.js";
import { UnknownVersionError } from "../live-check/healthchecks-versions.js";
import { controlFileStore, WriteRefusedError } from "../live-check/control-store.js";
import { formatTable, UnreachableError } from "../live-check/recorder.js";
import { LIVE_APIS, runLiveChecks, type LiveTarget } from "../live-check/run.js";
import { parseOrExit, UsageError, type CommandSpec } from "../cli/command-line.js";

const USAGE = `usage: npm run verify -- <api> <base-url> [credentials] [--write] [--server-version V] [--control-file F]
  npm run verify -- healthchecks http://localhost:8000 <api-key> [<read-only-key>] [--write] [--server-version 1.15.0]
  npm run verify -- livebridge http://localhost:8080 <username> <password> [--write --control-file /path/to/control.yaml]
Credentials may also come from HC_API_KEY / HC_API_KEY_READONLY or LB_USER / LB_PASSWORD.
Without --server-version, verify detects the Healthchecks version from which routes the server has.`;

const spec: CommandSpec = {
  command: "npm run verify",
  summary:
    "Runs the live checks against your own Healthchecks or Livebridge server; exits 1 on any departure from the spec.",
  // min 0: a missing <api> or <base-url> is explained by target() with the examples below.
  positionals: { usage: "<api> <base-url> [credentials…]", min: 0, max: 4 },
  options: [
    {
      name: "--write",
      help: "also create, change and delete its own checks (Healthchecks) or write and restore the control data (Livebridge, with --control-file)",
    },
    {
      name: "--server-version",
      value: "V",
      help: "the Healthchecks version whose exact answers to expect (default: detected from the routes the server has)",
    },
    {
      name: "--control-file",
      value: "F",
      help: "Livebridge: the server's control file, restored byte for byte after --write",
    },
  ],
  notes: USAGE.split("\n").slice(1),
};

interface VerifyArgs {
  write: boolean;
  serverVersion: string | undefined;
  controlFile: string | undefined;
  positional: string[];
}

function options(): VerifyArgs {
  const { options: o, positional } = parseOrExit(spec);
  const text = (name: string) => (typeof o[name] === "string" ? (o[name] as string) : undefined);
  const controlFile = text("--control-file");
  return {
    write: o["--write"] === true,
    serverVersion: text("--server-version"),
    controlFile: controlFile === undefined ? undefined : resolve(controlFile),
    positional,
  };
}

function target(args: VerifyArgs): LiveTarget {
  const [api, base, first, second, extra] = args.positional;
  if (!api || !base) throw new UsageError(USAGE);
  if (!(LIVE_APIS as readonly string[]).includes(api))
    throw new UsageError(
      `verify supports ${LIVE_APIS.join(" and ")} (the APIs with servers you can run), not "${api}"\n${USAGE}`,
    );
  if (extra !== undefined) throw new UsageError(`too many arguments\n${USAGE}`);
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`"${maskUrl(base)}" is not a URL (e.g. http://127.0.0.1:8000)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`base URL must be http(s), not ${url.protocol}`);
  if (url.username || url.password)
    throw new UsageError("give credentials as arguments or in the environment, not in the URL");
  const serverVersion = args.serverVersion !== undefined ? { serverVersion: args.serverVersion } : {};
  if (api === "healthchecks") {
    if (args.controlFile) throw new UsageError(`--control-file is for livebridge\n${USAGE}`);
    const apiKey = first ?? process.env.HC_API_KEY;
    if (!apiKey) throw new UsageError(`healthchecks needs a read-write API key (argument or HC_API_KEY)\n${USAGE}`);
    const readOnlyKey = second ?? process.env.HC_API_KEY_READONLY;
    return {
      api,
      target: { url: url.toString(), apiKey, ...(readOnlyKey ? { readOnlyKey } : {}), write: args.write },
      ...serverVersion,
    };
  }
  const user = first ?? process.env.LB_USER;
  const password = second ?? process.env.LB_PASSWORD;
  if (!user || !password)
    throw new UsageError(`livebridge needs a username and password (arguments or LB_USER, LB_PASSWORD)\n${USAGE}`);
  const store = args.controlFile ? { store: controlFileStore(args.controlFile) } : {};
  return {
    api: "livebridge",
    target: { url: url.toString(), user, password, write: args.write, ...store },
    ...serverVersion,
  };
}

let secrets: string[] = [];
const say = (text: string) => redactText(text, secrets);

try {
  const args = options();
  const live = target(args);
  secrets =
    live.api === "healthchecks"
      ? [live.target.apiKey, live.target.readOnlyKey ?? ""]
      : [live.target.user, live.target.password];
  if (args.controlFile) {
    if (!args.write) throw new UsageError("--control-file is only used with --write");
    await access(args.controlFile, constants.R_OK | constants.W_OK).catch(() => {
      throw new UsageError(`cannot read and write the control file ${args.controlFile}`);
    });
  }
  const { rec, version } = await runLiveChecks(live);
  secrets.push(...rec.secrets);
  console.log(
    say(
      `${live.api} at ${new URL(live.target.url).origin} (${args.write ? "read and write" : "read-only"} checks; exact expectations of ${version})\n`,
    ),
  );
  console.log(say(formatTable(rec.rows)));
  const server = rec.rows.filter((r) => r.problems.length > 0).length;
  const ours = rec.rows.filter((r) => r.ours.length > 0).length;
  console.log(
    say(
      `\n${rec.rows.length} probe(s): ${server} with departures of the server's from the ${live.api} spec, ${ours} with requests of ours the spec refuses.`,
    ),
  );
  process.exitCode = server + ours > 0 ? 1 : 0;
} catch (error) {
  const known =
    error instanceof UsageError ||
    error instanceof UnreachableError ||
    error instanceof UnknownVersionError ||
    error instanceof WriteRefusedError ||
    error instanceof NotBuiltError;
  console.error(
    say(error instanceof Error ? (known ? error.message : `${error.name}: ${error.message}`) : String(error)),
  );
  process.exitCode = known ? 2 : 1;
}

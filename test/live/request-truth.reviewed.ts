// The reviewed disagreements between the spec's verdict on a request and a real server's, each
// with its reason. request-truth.live.ts and fuzz.live.ts fail on any disagreement not matched here.
// "spec refuses, server accepts" is the spec being stricter than one server (it takes what every
// served version accepts); "spec accepts, server refuses" is what JSON Schema cannot say (listed
// in the README's "What the request schemas cannot say").
import type { Outcome } from "./request-truth.js";
import { newerThan } from "./request-truth.js";

export interface Review {
  /** Server versions the entry applies to (`*` for all). */
  versions: string[] | "*";
  operationIds: string[] | "*";
  /** Matches the case label. */
  label: RegExp;
  direction: "spec refuses, server accepts" | "spec accepts, server refuses";
  reason: string;
  /** A further condition on the outcome. */
  when?: (o: Outcome, version: string) => boolean;
}

const HC_OLD = ["1.3.0", "1.15.0"];
const WRITES = ["createCheck", "updateCheck"];

export const REVIEWED: Review[] = [
  // --- Healthchecks: the spec is stricter than an older server ---------------------------------
  {
    versions: "*",
    operationIds: "*",
    label: /./,
    direction: "spec refuses, server accepts",
    when: (o, version) => newerThan(o.since, version),
    reason:
      "the property is newer than this server (x-since), which ignores it whatever its value; the schema is as strict as the servers that know it",
  },
  {
    versions: HC_OLD,
    operationIds: WRITES,
    label: /six fields|"0,30 \* \* \* \* \*"|"\* \* \* \* \* \*"|@daily/,
    direction: "spec refuses, server accepts",
    reason:
      "croniter (Debian 1.3.5) also parses six fields and @daily; v1.23.1 requires exactly five fields, and the schema takes what every version accepts",
  },
  {
    versions: "*",
    operationIds: WRITES,
    label: /croniter's L/,
    direction: "spec refuses, server accepts",
    reason:
      "croniter's extensions (L, #) are left out of the five-field pattern (cronsim of v1.24.0+ has other ones); the pattern keeps standard cron",
  },
  {
    versions: HC_OLD,
    operationIds: WRITES,
    label: /^channels = "6F1C5A0E|an id in uppercase/,
    direction: "spec refuses, server accepts",
    reason:
      "v1.3.0 and v1.15.0 parse ids with uuid.UUID (any case); v1.23.1 and v4.3 compare the lowercase text, so the pattern is lowercase",
  },
  {
    versions: ["1.23.1"],
    operationIds: WRITES,
    label: /an integration name/,
    direction: "spec refuses, server accepts",
    reason: "channel names are accepted from v1.18.0; v1.3.0 and v1.15.0 refuse them, so the pattern has ids only",
  },
  {
    versions: "*",
    operationIds: WRITES,
    label: /America\/Coyhaique/,
    direction: "spec refuses, server accepts",
    reason:
      "in Debian's tzdata 2025b (which the servers' pytz reads) but not in v4.3's list: the enum is the names every server accepts",
  },
  {
    versions: "*",
    operationIds: ["pauseCheck"],
    label: /^body is/,
    direction: "spec refuses, server accepts",
    reason:
      "with the X-Api-Key header a JSON body that is not an object is ignored; without it the server fails with a 500, so the schema asks for an object",
  },
  {
    versions: ["1.3.0"],
    operationIds: ["deleteCheck"],
    label: /^channels = /,
    direction: "spec refuses, server accepts",
    reason:
      "v1.3.0 validates a DELETE body with the check schema, where channels is any string (ids are checked only when saving); the schema keeps the ids' pattern",
  },
  {
    versions: ["1.3.0"],
    operationIds: ["deleteCheck"],
    label: /^api_key = "live-/,
    direction: "spec refuses, server accepts",
    reason:
      "v1.3.0 to v1.22 read api_key from a DELETE body; v1.23.0 dropped it (401 missing api key), so the spec asks for the header",
  },
  {
    versions: ["1.15.0", "1.23.1"],
    operationIds: ["deleteCheck"],
    label: /./,
    direction: "spec refuses, server accepts",
    reason:
      "v1.15.0 parses but no longer validates a DELETE body and v1.23.0 ignores it; the schema keeps v1.3.0's validation, which every version accepts",
  },
  // --- Healthchecks: what JSON Schema cannot say -----------------------------------------------
  {
    versions: "*",
    operationIds: "*",
    label: /^api_key = "(a+|b+)"/,
    direction: "spec accepts, server refuses",
    reason: "server state: a well-formed 32-character key that no project has (401 wrong api key)",
  },
  {
    versions: "*",
    operationIds: WRITES,
    label: /float literal/,
    direction: "spec accepts, server refuses",
    reason:
      "300.0 is the integer 300 to JSON Schema, but Python's json reads a float and the server refuses it (is not a number)",
  },
  {
    versions: "*",
    operationIds: WRITES,
    label: /backwards range/,
    direction: "spec accepts, server refuses",
    reason: "a range must not run backwards (5-3): a regular expression cannot compare the two numbers",
  },
  {
    versions: ["1.15.0", "1.23.1"],
    operationIds: WRITES,
    label: /31 February|31 November/,
    direction: "spec accepts, server refuses",
    reason:
      "calendar semantics: the schedule never fires (31 February); v1.13.0 and later ask croniter for the next run (v1.3.0 accepts it)",
  },
  {
    versions: ["1.15.0", "1.23.1"],
    operationIds: WRITES,
    label: /a well-formed id of no integration|another account's id/,
    direction: "spec accepts, server refuses",
    reason:
      "server state: the id is well-formed but not one of the project's integrations (JSON 400 invalid channel identifier, nothing saved)",
  },
  {
    versions: ["1.3.0"],
    operationIds: WRITES,
    label: /a well-formed id of no integration/,
    direction: "spec accepts, server refuses",
    reason: "server state: the id belongs to no integration (v1.3.0 saves the check, then answers Django's HTML 400)",
  },
  {
    versions: "*",
    operationIds: ["updateCheck"],
    label: /^example AssignChannels$/,
    direction: "spec accepts, server refuses",
    reason: "server state: the docs' example ids belong to no integration on this server",
  },
  // --- Livebridge ----------------------------------------------------------------------------
  {
    versions: ["0.27.0"],
    operationIds: ["replaceControlData"],
    label: /bridges = \{\}|bridges\/\*\/targets = \{\}|prose: bridges \{\}/,
    direction: "spec refuses, server accepts",
    reason:
      "an empty object iterates like an empty array in Python, so GET reads it back as []; the documented model is an array (a non-empty object breaks GET or comes back as its keys)",
  },
  {
    versions: ["0.27.0"],
    operationIds: ["replaceControlData"],
    label: /1e400/,
    direction: "spec accepts, server refuses",
    reason:
      "a number beyond the double range is stored as infinity and GET then sends Infinity, which is not JSON; JSON Schema sees only the parsed value",
  },
];

export function reviewFor(o: Outcome, version: string): Review | undefined {
  if (o.spec === o.verdict) return undefined;
  const direction = o.spec === "refuse" ? "spec refuses, server accepts" : "spec accepts, server refuses";
  return REVIEWED.find(
    (r) =>
      r.direction === direction &&
      (r.versions === "*" || r.versions.includes(version)) &&
      (r.operationIds === "*" || r.operationIds.includes(o.operationId)) &&
      r.label.test(o.label) &&
      (!r.when || r.when(o, version)),
  );
}

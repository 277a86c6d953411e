// The one command-line parser of every npm command (start, mock, docs, dev, proxy, verify, lint,
// build, bench, changes, release). Each command declares its options and positionals; this module
// answers --help (usage on stdout, exit 0) and refuses anything it does not understand (exit 2,
// naming the nearest valid option or value), so no command falls back silently.

export interface OptionSpec {
  /** `--name`; a flag when `value` is absent. */
  name: string;
  /** Placeholder of the value in the usage text (`N`, `<api>=N`); absent: a flag. */
  value?: string;
  /** The only values allowed (a typo is refused naming the nearest). */
  choices?: readonly string[];
  /** May be given more than once (values are collected in order). */
  repeat?: boolean;
  /** Not listed in --help (internal modes). */
  hidden?: boolean;
  help: string;
}

export interface PositionalSpec {
  /** As shown in the usage line, e.g. `<api>`, `[<git-ref>]`, `[<api>…]`. */
  usage: string;
  min: number;
  max: number;
  /** The only values allowed, when they are a fixed list (API names, release levels). */
  choices?: readonly string[];
  /** What a value is, in an error (`API`, `level`). */
  what?: string;
}

export interface CommandSpec {
  /** How it is run: `npm start`, `npm run mock`. */
  command: string;
  summary: string;
  positionals?: PositionalSpec;
  options: OptionSpec[];
  /** Extra lines for --help: environment variables, examples. */
  notes?: string[];
}

export interface ParsedCommandLine {
  /** Flags as true, values as strings, repeatable options as string arrays; absent ones undefined. */
  options: Record<string, string | string[] | boolean | undefined>;
  positional: string[];
}

/** Bad usage: the command prints it with the usage line and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Levenshtein distance (case-insensitive). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]!;
}

/** The candidate closest to `value` (ties: the first declared). */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // A prefix (`--onl` for `--only`) counts as close as a one-letter typo.
    const d = c.toLowerCase().startsWith(value.toLowerCase()) && value.length >= 2 ? 1 : distance(value, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function usageLine(spec: CommandSpec): string {
  const dashes = spec.options.some((o) => !o.hidden) || spec.positionals ? " --" : "";
  const pos = spec.positionals?.usage ? ` ${spec.positionals.usage}` : "";
  const opts = spec.options
    .filter((o) => !o.hidden)
    .map((o) => `[${o.name}${o.value ? ` ${o.value}` : ""}]`)
    .join(" ");
  return `usage: ${spec.command}${dashes}${pos}${opts ? ` ${opts}` : ""}`;
}

/** The --help text. */
export function helpText(spec: CommandSpec): string {
  const shown = spec.options.filter((o) => !o.hidden);
  const left = (o: OptionSpec) => `${o.name}${o.value ? ` ${o.value}` : ""}`;
  const width = Math.max(10, ...shown.map((o) => left(o).length));
  const lines = [usageLine(spec), "", spec.summary];
  if (spec.positionals?.choices)
    lines.push("", `${spec.positionals.usage}: one of ${spec.positionals.choices.join(", ")}`);
  lines.push("", "options:");
  for (const o of shown) {
    const choices = o.choices ? ` (${o.choices.join(", ")})` : "";
    lines.push(`  ${left(o).padEnd(width)}  ${o.help}${choices}${o.repeat ? "; may be repeated" : ""}`);
  }
  lines.push(`  ${"--help".padEnd(width)}  this text`);
  if (spec.notes?.length) lines.push("", ...spec.notes);
  return lines.join("\n");
}

function refuseValue(what: string, value: string, choices: readonly string[], prefix: string): never {
  const near = nearest(value, choices);
  throw new UsageError(
    `${what} "${value}" is not one of ${choices.join(", ")}${near ? `; did you mean ${prefix}${near}?` : ""}`,
  );
}

/** Parses `argv` against `spec`; throws UsageError (never exits: see `parseOrExit`). */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParsedCommandLine | "help" {
  const options: ParsedCommandLine["options"] = {};
  const positional: string[] = [];
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const visible = spec.options.filter((o) => !o.hidden).map((o) => o.name);
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositional || !arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositional = true;
      continue;
    }
    if (arg === "--help" || arg === "-h") return "help";
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const option = byName.get(name);
    if (!option) {
      const near = nearest(name, [...visible, "--help"]);
      throw new UsageError(`unknown option ${name}${near ? `; did you mean ${near}?` : ""}`);
    }
    let value: string | true = true;
    if (option.value) {
      const given = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (given === undefined) throw new UsageError(`${name} needs a value (${name} ${option.value})`);
      if (option.choices && !option.choices.includes(given)) refuseValue(name, given, option.choices, `${name} `);
      value = given;
    } else if (name !== arg) throw new UsageError(`${name} takes no value (got ${arg})`);
    if (option.repeat) options[name] = [...((options[name] as string[] | undefined) ?? []), value as string];
    else if (options[name] !== undefined) throw new UsageError(`${name} was given twice`);
    else options[name] = value;
  }
  const p = spec.positionals ?? { usage: "", min: 0, max: 0 };
  if (positional.length > p.max) {
    const extra = positional.slice(p.max);
    const near = extra[0]!.startsWith("-")
      ? undefined
      : nearest(
          extra[0]!,
          visible.map((v) => v.slice(2)),
        );
    throw new UsageError(
      p.max === 0
        ? `${spec.command} takes no arguments (got ${extra.join(" ")})${near && distance(extra[0]!, near) <= 2 ? `; did you mean --${near}?` : ""}`
        : `too many arguments: ${extra.join(" ")} (expected ${p.usage})`,
    );
  }
  if (positional.length < p.min)
    throw new UsageError(`missing ${p.usage.split(" ").slice(positional.length, p.min).join(" ")}`);
  if (p.choices)
    for (const v of positional) if (!p.choices.includes(v)) refuseValue(p.what ?? "argument", v, p.choices, "");
  return { options, positional };
}

/**
 * Options npm kept for itself: `npm run x --port 1` (no `--`) makes `--port` an npm setting, exported
 * to the script as npm_config_port, and passes only `1` on. Checked only under npm.
 */
export function optionsTakenByNpm(spec: CommandSpec, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.npm_lifecycle_event) return [];
  const names = [...spec.options.filter((o) => !o.hidden).map((o) => o.name), "--help"];
  return names.filter((name) => env[`npm_config_${name.slice(2).replace(/-/g, "_")}`] !== undefined);
}

/** Parses, or prints --help (exit 0) / the problem and the usage line (exit 2) and exits. */
export function parseOrExit(spec: CommandSpec, argv: readonly string[] = process.argv.slice(2)): ParsedCommandLine {
  const taken = optionsTakenByNpm(spec);
  if (taken.length)
    exitUsage(
      spec,
      `npm took ${taken.join(", ")} as its own setting and did not pass it on: put -- before the command's options (${spec.command} -- ${taken[0]} …)`,
    );
  try {
    const parsed = parseCommandLine(spec, argv);
    if (parsed !== "help") return parsed;
    console.log(helpText(spec));
    process.exit(0);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    exitUsage(spec, err.message);
  }
}

/** Bad usage found after parsing (a value that does not parse): the message, the usage line, exit 2. */
export function exitUsage(spec: CommandSpec, message: string): never {
  console.error(`${spec.command}: ${message}\n${usageLine(spec)}\n(${spec.command} -- --help for more)`);
  process.exit(2);
}

/** A whole number from `min` to `max`, or a UsageError naming `what`. */
export function wholeNumber(value: string, what: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${what}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

/** For a "cannot listen … EADDRINUSE" error: the same text with how to choose another port. */
export function portInUseHint(message: string, hint: (line: string) => string | undefined): string {
  return message
    .split("\n")
    .map((line) => {
      if (!/EADDRINUSE/.test(line)) return line;
      const h = hint(line);
      return h ? `${line}\n  (the port is taken: ${h}, or stop what holds it)` : line;
    })
    .join("\n");
}

// The serving commands' options (`npm start`, `npm run mock`, `npm run docs`, `npm run dev`), declared
// for the one parser (scripts/cli/command-line.ts), their stop on signals and their URL table.
// Flags win over environment variables, which win over redocly.yaml's x-mock-port.
//   --host H | MOCK_HOST            (default 127.0.0.1)
//   --port <api>=N | MOCK_PORT_<API> (default: x-mock-port)
//   --docs-port N | DOCS_PORT         (default 4000)
//   --verbose | MOCK_VERBOSE=1        (log every request)
//   --no-cors | MOCK_CORS=0           (no CORS headers; by default the mocks answer CORS as the Prism CLI does)
import type { ApiEntry } from "../registry/apis.js";
import {
  exitUsage,
  nearest,
  parseOrExit,
  UsageError,
  wholeNumber,
  type CommandSpec,
  type OptionSpec,
  type PositionalSpec,
} from "../cli/command-line.js";

export interface ServeOptions {
  host: string;
  ports: Record<string, number>;
  docsPort: number;
  verbose: boolean;
  cors: boolean;
  positional: string[];
}

export type ServeOption = "--host" | "--port" | "--docs-port" | "--verbose" | "--no-cors";

const OPTIONS: Record<ServeOption, OptionSpec> = {
  "--host": { name: "--host", value: "H", help: "interface to listen on (MOCK_HOST; default 127.0.0.1)" },
  "--port": {
    name: "--port",
    value: "<api>=N",
    repeat: true,
    help: "a mock's port (MOCK_PORT_<API>; default: x-mock-port in redocly.yaml; 0 = any free port)",
  },
  "--docs-port": {
    name: "--docs-port",
    value: "N",
    help: "the docs server's port (DOCS_PORT; default 4000; 0 = any free port)",
  },
  "--verbose": { name: "--verbose", help: "log every request (MOCK_VERBOSE=1)" },
  "--no-cors": { name: "--no-cors", help: "no CORS headers (MOCK_CORS=0; on by default, as in the Prism CLI)" },
};

/** The command spec of a serving command with the given options (flags win over the environment). */
export function serveCommand(
  command: string,
  summary: string,
  which: ServeOption[],
  apis: ApiEntry[],
  positionals?: PositionalSpec,
): CommandSpec {
  return {
    command,
    summary,
    options: which.map((name) => OPTIONS[name]),
    ...(positionals ? { positionals } : {}),
    notes: [
      `APIs: ${apis.map((a) => `${a.name} (port ${a.mockPort})`).join(", ")}`,
      "Flags win over environment variables, which win over redocly.yaml's x-mock-port.",
    ],
  };
}

const port = (value: string, what: string) => wholeNumber(value, what, 0, 65535);

/** The settings from the parsed command line and the environment; UsageError on a bad value. */
export function serveOptions(
  options: Record<string, string | string[] | boolean | undefined>,
  positional: string[],
  apis: ApiEntry[],
  env = process.env,
): ServeOptions {
  const result: ServeOptions = {
    host: (options["--host"] as string | undefined) ?? env.MOCK_HOST ?? "127.0.0.1",
    ports: Object.fromEntries(apis.map((a) => [a.name, a.mockPort])),
    docsPort: port(
      (options["--docs-port"] as string | undefined) ?? env.DOCS_PORT ?? "4000",
      options["--docs-port"] ? "--docs-port" : "DOCS_PORT",
    ),
    verbose: options["--verbose"] === true || env.MOCK_VERBOSE === "1",
    cors: options["--no-cors"] !== true && env.MOCK_CORS !== "0",
    positional,
  };
  for (const api of apis) {
    const name = `MOCK_PORT_${api.name.toUpperCase()}`;
    if (env[name]) result.ports[api.name] = port(env[name]!, name);
  }
  const names = apis.map((a) => a.name);
  for (const pair of (options["--port"] as string[] | undefined) ?? []) {
    const [name, value] = pair.split("=");
    if (!name || value === undefined)
      throw new UsageError(`--port takes <api>=<port>, e.g. --port ${names[0]}=0 (got ${pair})`);
    if (!names.includes(name))
      throw new UsageError(
        `--port: "${name}" is not one of ${names.join(", ")}; did you mean --port ${nearest(name, names)}=${value}?`,
      );
    result.ports[name] = port(value, `--port ${name}`);
  }
  return result;
}

/** parseOrExit and serveOptions: --help exits 0, any bad option or value exits 2. */
export function parseServeCommandLine(
  spec: CommandSpec,
  apis: ApiEntry[],
  argv = process.argv.slice(2),
  env = process.env,
): ServeOptions {
  const parsed = parseOrExit(spec, argv);
  try {
    return serveOptions(parsed.options, parsed.positional, apis, env);
  } catch (err) {
    if (err instanceof UsageError) exitUsage(spec, err.message);
    throw err;
  }
}

/** The port-in-use hint of the serving commands: which option picks another port. */
export function servePortHint(line: string): string | undefined {
  const api = /^([\w ]+): cannot listen on /.exec(line)?.[1];
  if (api === "docs" || api === "dev docs") return "choose another with --docs-port N (or DOCS_PORT)";
  if (api) return `choose another with --port ${api}=N (or MOCK_PORT_${api.toUpperCase()}; 0 picks a free one)`;
  return undefined;
}

/** Stops everything on Ctrl-C / SIGTERM, once, and within STOP_DEADLINE_MS: servers close their
 * connections, and if something still hangs the process exits anyway (which frees every port). */
export const STOP_DEADLINE_MS = 1500;

export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    setTimeout(() => {
      console.error(`not stopped after ${STOP_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

export function printTable(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([a]) => a.length));
  for (const [a, b] of rows) console.log(`  ${a.padEnd(width)}  ${b}`);
}

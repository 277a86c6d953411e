// Host and port settings shared by `npm start`, `npm run mock` and `npm run docs`:
// flags win over environment variables, which win over redocly.yaml's x-mock-port.
//   --host H | MOCK_HOST            (default 127.0.0.1)
//   --port <api>=N | MOCK_PORT_<API> (default: x-mock-port)
//   --docs-port N | DOCS_PORT         (default 4000)
//   --verbose | MOCK_VERBOSE=1        (log every request)
//   --no-cors | MOCK_CORS=0           (no CORS headers; by default the mocks answer CORS as the Prism CLI does)
import type { ApiEntry } from "../registry/apis.js";

export interface ServeOptions {
  host: string;
  ports: Record<string, number>;
  docsPort: number;
  verbose: boolean;
  cors: boolean;
  positional: string[];
}

function parsePort(value: string, what: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${what}: "${value}" is not a port number`);
  return port;
}

export function parseServeOptions(argv: string[], apis: ApiEntry[], env = process.env): ServeOptions {
  const options: ServeOptions = {
    host: env.MOCK_HOST ?? "127.0.0.1",
    ports: Object.fromEntries(apis.map((a) => [a.name, a.mockPort])),
    docsPort: env.DOCS_PORT ? parsePort(env.DOCS_PORT, "DOCS_PORT") : 4000,
    verbose: env.MOCK_VERBOSE === "1",
    cors: env.MOCK_CORS !== "0",
    positional: [],
  };
  for (const api of apis) {
    const value = env[`MOCK_PORT_${api.name.toUpperCase()}`];
    if (value) options.ports[api.name] = parsePort(value, `MOCK_PORT_${api.name.toUpperCase()}`);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === "--host") options.host = next();
    else if (arg === "--docs-port") options.docsPort = parsePort(next(), arg);
    else if (arg === "--verbose") options.verbose = true;
    else if (arg === "--no-cors") options.cors = false;
    else if (arg === "--port") {
      const [name, value] = next().split("=");
      if (!name || !value || !(name in options.ports)) throw new Error(`--port takes <api>=<port> with api one of ${apis.map((a) => a.name).join(", ")}`);
      options.ports[name] = parsePort(value, `--port ${name}`);
    } else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else options.positional.push(arg);
  }
  return options;
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

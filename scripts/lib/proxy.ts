// A validating proxy in front of a real server: Prism in proxy mode (forwarding every request to
// the upstream and validating request and response against our spec), fronted by a small
// node:http relay that turns Prism's `sl-violations` header into one report per request.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { ApiEntry } from "./apis.js";
import { startMock } from "./mock.js";

export interface Violation {
  location: string;
  severity: string;
  message: string;
}

export interface ProxyReport {
  method: string;
  path: string;
  status: number;
  violations: Violation[];
}

export interface ProxyHandle {
  url: string;
  close(): Promise<void>;
}

function parseViolations(header: string | string[] | undefined): Violation[] {
  if (!header) return [];
  try {
    const list = JSON.parse(String(header).replace(/^Too many violations! /, "")) as { location?: string[]; severity?: string; message?: string }[];
    return list.map((v) => ({ location: (v.location ?? []).join("."), severity: v.severity ?? "Error", message: v.message ?? "" }));
  } catch {
    return [{ location: "", severity: "Error", message: String(header) }];
  }
}

export async function startValidatingProxy(
  api: ApiEntry,
  upstream: string,
  options: { host?: string; port?: number; onReport: (report: ProxyReport) => void },
): Promise<ProxyHandle> {
  const prism = await startMock(api, { host: "127.0.0.1", port: 0, upstream });
  const target = new URL(prism.url);
  const relay = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const violations = parseViolations(answer.headers["sl-violations"]);
        options.onReport({ method: req.method ?? "GET", path: req.url ?? "/", status: answer.statusCode ?? 0, violations });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (err) => {
      options.onReport({ method: req.method ?? "GET", path: req.url ?? "/", status: 502, violations: [{ location: "proxy", severity: "Error", message: err.message }] });
      res.writeHead(502, { "content-type": "text/plain" }).end(`proxy error: ${err.message}`);
    });
    req.pipe(forward);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    relay.once("error", (err) => reject(new Error(`${api.name} proxy: cannot listen on ${host}:${options.port ?? 0}: ${err.message}`)));
    relay.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (err) => {
    await prism.close();
    throw err;
  });
  const address = relay.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((r) => relay.close(() => r()));
      await prism.close();
    },
  };
}

/** One line per request, then one indented line per departure from the spec. */
export function formatReport(report: ProxyReport): string {
  const head = `${report.method} ${report.path} → ${report.status}`;
  if (report.violations.length === 0) return `✔ ${head}: conforms to the spec`;
  return [`✘ ${head}: ${report.violations.length} departure(s) from the spec`, ...report.violations.map((v) => `    ${v.severity.toLowerCase()} at ${v.location || "(message)"}: ${v.message}`)].join("\n");
}

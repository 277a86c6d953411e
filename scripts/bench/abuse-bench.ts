// `npm run bench -- --only abuse`: each bad input the fuzz test tries, sent once to every mock and
// (paths) to the docs server, with the answer it got; then 1,000 concurrent connections and slow
// clients; and each server's memory (RSS) before and after, with its peak.
import type { ChildProcess } from "node:child_process";
import type { ApiEntry } from "../registry/apis.js";
import { ROOT } from "../registry/apis.js";
import {
  TRAVERSALS,
  concurrentRequests,
  deepJson,
  headerFlood,
  oversizedBody,
  rawRequest,
  slowClients,
  type RawAnswer,
} from "../testkit/bad-input.js";
import { startChild, stopChild, waitForLine } from "../testkit/child-process.js";
import { startMockChild } from "../testkit/mock-child.js";
import { loadTargets } from "./load-targets.js";
import { memoryOf } from "./process.js";

const NODE = process.execPath;

function short(answer: RawAnswer): string {
  if (!answer.status) return `no answer (${answer.error ?? "closed"})`;
  const body = answer.body.replace(/\s+/g, " ").slice(0, 70);
  return `${answer.status} ${body}${answer.body.length > 70 ? "…" : ""}`;
}

const mem = (child: ChildProcess) => {
  const m = memoryOf(child.pid!);
  return `${m.rss.toFixed(0)} MiB RSS (peak ${m.peak.toFixed(0)} MiB)`;
};

export async function benchAbuse(apis: ApiEntry[], log: (line: string) => void): Promise<void> {
  const docs = startChild(NODE, ["--import", "tsx/esm", "scripts/commands/bench.ts", "--child", "docs"], ROOT);
  let mocks: ChildProcess | undefined;
  try {
    const started = await startMockChild();
    mocks = started.child;
    const { urls } = started;
    const docsUrl = (await waitForLine(docs, /^READY (\S+)$/m))[1]!;
    log("Bad input (one of each per server; the answer as status and body)");
    log(`  mocks before: ${mem(mocks)}; docs server before: ${mem(docs)}`);
    for (const api of apis) {
      const url = urls[api.name]!;
      const [get, post] = [
        loadTargets(api).find((t) => t.method === "GET")!,
        loadTargets(api).find((t) => t.method !== "GET"),
      ];
      const target = post ?? get;
      const head = { method: target.method, path: target.path, headers: target.headers };
      const json = { ...target.headers, "content-type": "application/json" };
      const tries: [string, () => Promise<RawAnswer>][] = [
        ["malformed JSON", () => rawRequest(url, { ...head, headers: json }, '{"name": "trunc')],
        ["invalid UTF-8", () => rawRequest(url, head, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
        [
          "wrong Content-Type (text/plain)",
          () => rawRequest(url, { ...head, headers: { ...target.headers, "content-type": "text/plain" } }, "hello"),
        ],
        ["missing body", () => rawRequest(url, head)],
        [
          "unknown query parameter",
          () => rawRequest(url, { ...get, path: `${get.path}${get.path.includes("?") ? "&" : "?"}zz_unknown=1` }),
        ],
        ["20 MB body", () => rawRequest(url, head, oversizedBody())],
        ["JSON nested 100,000 deep", () => rawRequest(url, { ...head, headers: json }, deepJson(100_000, "array"))],
        [
          "truncated example body",
          () => rawRequest(url, head, (target.body ?? "{}").slice(0, Math.ceil((target.body ?? "{}").length / 2))),
        ],
        ["Prefer: code=abc", () => rawRequest(url, { ...get, headers: { ...get.headers, Prefer: "code=abc" } })],
        ["Accept: image/png", () => rawRequest(url, { ...get, headers: { ...get.headers, Accept: "image/png" } })],
        [
          "400 headers of 100 bytes",
          () => rawRequest(url, { method: "GET", path: get.path, headers: headerFlood(400, 100) }),
        ],
      ];
      log(`  ${api.name} (${target.method} ${target.path.split("?")[0]}; GET ${get.path.split("?")[0]})`);
      for (const [label, run] of tries) log(`    ${label.padEnd(32)} → ${short(await run())}`);
    }
    log("  docs server");
    for (const path of TRAVERSALS)
      log(`    GET ${path.padEnd(28)} → ${short(await rawRequest(docsUrl, { method: "GET", path }))}`);

    log("Load");
    const hc = loadTargets(apis.find((a) => a.name === "healthchecks") ?? apis[0]!).find((t) => t.method === "GET")!;
    const hcUrl = urls[apis.find((a) => a.name === "healthchecks")?.name ?? apis[0]!.name]!;
    let start = performance.now();
    log(
      `  1,000 concurrent connections, mock: ${JSON.stringify(await concurrentRequests(hcUrl, 1000, hc))} in ${(performance.now() - start).toFixed(0)} ms`,
    );
    start = performance.now();
    log(
      `  1,000 concurrent connections, docs: ${JSON.stringify(await concurrentRequests(docsUrl, 1000, { method: "GET", path: "/" }))} in ${(performance.now() - start).toFixed(0)} ms`,
    );
    const stop = slowClients(hcUrl, 200, 50);
    start = performance.now();
    const during = await rawRequest(hcUrl, hc);
    log(
      `  with 200 slow clients trickling bytes, another client gets ${during.status} in ${(performance.now() - start).toFixed(0)} ms`,
    );
    stop();
    log(`  mocks after: ${mem(mocks)}; docs server after: ${mem(docs)}`);
  } finally {
    if (mocks) await stopChild(mocks);
    await stopChild(docs);
  }
}

// `npm run docs`: build the docs if stale and serve generated/docs/ (default 127.0.0.1:4000).
import { loadApis } from "../registry/apis.js";
import { onShutdown, parseServeCommandLine, serveCommand, servePortHint } from "../serve/cli-options.js";
import { portInUseHint } from "../cli/command-line.js";
import { DOCS } from "../registry/generated-paths.js";
import { runPipeline } from "../pipeline/stage-order.js";
import { serveStatic } from "../serve/static-server.js";

process.env.REDOCLY_TELEMETRY = "off";
const apis = loadApis();
const spec = serveCommand(
  "npm run docs",
  "Builds the docs if stale and serves generated/docs/ (the references, the portal, the mock pages).",
  ["--host", "--docs-port"],
  apis,
);
const options = parseServeCommandLine(spec, apis);
try {
  await runPipeline({ docs: { mockHost: options.host }, log: (l) => console.log(l) });
  const docs = await serveStatic(DOCS, options.host, options.docsPort);
  console.log(`Docs at ${docs.url} (Ctrl-C to stop)`);
  onShutdown(() => docs.close());
} catch (err) {
  console.error(portInUseHint((err as Error).message, servePortHint));
  process.exit(1);
}

// `npm run docs`: build the docs if stale and serve generated/docs/ (default 127.0.0.1:4000).
import { loadApis } from "./registry/apis.js";
import { onShutdown, parseServeOptions } from "./serve/cli-options.js";
import { DOCS } from "./registry/generated-paths.js";
import { runBuild } from "./build/pipeline.js";
import { serveStatic } from "./serve/static-server.js";

process.env.REDOCLY_TELEMETRY = "off";
try {
  const options = parseServeOptions(process.argv.slice(2), loadApis());
  await runBuild({ mockHost: options.host, log: (l) => console.log(l) });
  const docs = await serveStatic(DOCS, options.host, options.docsPort);
  console.log(`Docs at ${docs.url} (Ctrl-C to stop)`);
  onShutdown(() => docs.close());
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

// generated/<api>/ made current: the pipeline's stages up to generate (lint-structure → bundle →
// generate, see stage-order.ts), without the docs. For the commands that read generated/ (mock,
// proxy, release, lint's freshness check); `npm run build`, `docs` and `start` run the whole
// pipeline, docs included, with stage-order.ts's runPipeline.
import { runPipeline, type PipelineReport } from "./stage-order.js";

export { isBuilt } from "../generate/input-hashes.js";

export interface BuildOptions {
  /** Rebuild every API, changed or not. */
  force?: boolean;
  log?: (line: string) => void;
}

export function runBuild(options: BuildOptions = {}): Promise<PipelineReport> {
  return runPipeline({ ...options, docs: false });
}

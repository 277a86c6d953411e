// Redocly's problems as readable lines that name the file, the line:column and the rule, and the
// error that carries them out of lint and bundle.
import { relative } from "node:path";
import { getLineColLocation, type NormalizedProblem } from "@redocly/openapi-core";
import { ROOT } from "../registry/apis.js";

/** `specs/x/paths/a.yaml:12:5 error [rule] message` for one problem. */
export function formatProblem(problem: NormalizedProblem): string {
  const loc = problem.location[0];
  let where = "(unknown location)";
  if (loc) {
    const file = relative(ROOT, loc.source.absoluteRef);
    try {
      const { start } = getLineColLocation(loc);
      where = `${file}:${start.line}:${start.col} ${loc.pointer ?? ""}`.trim();
    } catch {
      where = `${file} ${loc.pointer ?? ""}`.trim();
    }
  }
  return `${where} ${problem.severity} [${problem.ruleId}] ${problem.message}`;
}

export class SpecError extends Error {
  override readonly name = "SpecError";
  constructor(
    public readonly api: string,
    public readonly problems: string[],
  ) {
    super(`${api}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  }
}

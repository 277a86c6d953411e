// A spec file that is not valid YAML, found before any other rule runs: one finding per broken file,
// at the line of the mistake, under the rule `yaml-parse`. Spectral and Redocly would report it
// late and noisily (Redocly as no-unresolved-refs on the next line, where its parser gave up,
// and Spectral with a dozen follow-on findings), so lint, the build and the live preview run
// their rules only once every file parses.
import { readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { parseAllDocuments, type YAMLError } from "yaml";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { listFiles } from "../registry/files.js";

/** Where a mistake really is. A key that runs over two lines (`a b` missing its `:` before the
 * next key, or a line indented deeper than its siblings) is reported by the parser at the line
 * before; when the next line is indented deeper although that line opens no block, the next line
 * is the mistake. */
function position(error: YAMLError, lines: string[]): { line: number; col: number; message?: string } {
  const start = error.linePos?.[0] ?? { line: 1, col: 1 };
  if (error.code === "MULTILINE_IMPLICIT_KEY" || error.code === "BLOCK_AS_IMPLICIT_KEY") {
    const indent = (n: number) => /^ */.exec(lines[n - 1] ?? "")![0].length;
    let next = start.line + 1;
    while (next <= lines.length && !lines[next - 1]!.trim()) next++;
    const opensBlock = /(:|[|>][-+0-9]*)\s*(#.*)?$/.test(lines[start.line - 1] ?? "");
    if (next <= lines.length && indent(next) > indent(start.line) && !opensBlock)
      return {
        line: next,
        col: indent(next) + 1,
        message: `Indented deeper than line ${start.line}, which opens no block`,
      };
  }
  return start;
}

const HINTS: Partial<Record<YAMLError["code"], string>> = {
  MULTILINE_IMPLICIT_KEY: "a key without its `:`, or a line indented deeper than the keys beside it?",
  BLOCK_AS_IMPLICIT_KEY: "a line indented deeper than the keys beside it?",
  BAD_INDENT: "indentation differs from the lines beside it",
  TAB_AS_INDENT: "indent with spaces",
  MISSING_CHAR: "a quote or bracket is not closed",
};

// Each file's verdict by its content: a long-lived process (`npm run dev`) parses only what changed.
const verdicts = new Map<string, { text: string; problem: string | undefined }>();

/** The first YAML syntax error of `text` (the file at `path`) as a lint line, if any. */
function parseProblem(path: string, text: string): string | undefined {
  const errors = [parseAllDocuments(text, { prettyErrors: true })]
    .flat()
    .flatMap((d) => ("errors" in d ? d.errors : []));
  if (!errors.length) return undefined;
  // Later errors of the same file are almost always the parser losing its way after the first.
  const first = errors[0]!;
  const where = position(first, text.split("\n"));
  const { line, col } = where;
  const message = where.message ?? first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const hint = where.message ? undefined : HINTS[first.code];
  return `${relative(ROOT, path)}:${line}:${col} error [yaml-parse] ${message}${hint ? ` (${hint})` : ""}`;
}

/** The first YAML syntax error of each file of the API's sources (its root's folder), as lint lines. */
export function yamlParseProblems(api: ApiEntry): string[] {
  const dir = dirname(api.root);
  const problems: string[] = [];
  for (const file of listFiles(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const path = `${dir}/${file}`;
    const text = readFileSync(path, "utf8");
    let verdict = verdicts.get(path);
    if (verdict?.text !== text) verdicts.set(path, (verdict = { text, problem: parseProblem(path, text) }));
    if (verdict.problem) problems.push(verdict.problem);
  }
  return problems;
}

/** What a report says after parse errors: the other rules wait for them. */
export const HELD_BACK = "(the other rules run once every file parses: their findings would only follow from this)";

// Checks that passed, kept between test runs by a key over every input that can change their outcome
// (the documents checked, the tool's version through package-lock.json, our code around it, Node's
// version): a check whose key passed before need not run again. Only passes are kept; a check that
// failed runs again next time. The record lives in a folder outside the project that one run holds
// at a time (test/support/cache-folder.ts); a run that finds it held starts from nothing.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";
import { takeCheckoutCacheFolder } from "./cache-folder.js";

export interface KeptPasses {
  /** A key over `texts` (contents or names) and the files of this project at `files` (relative to
   * ROOT), always with the test file that asserts and this file. */
  key(texts: string[], files: string[]): string;
  /** Whether the check of `key` passed before. */
  passed(key: string): boolean;
  /** Why a test is skipped when its key passed before (for `ctx.skip`). */
  readonly note: string;
  /** Skips the running test, visibly, when its key passed before (`ctx.skip` of the test's context). */
  skipIfPassed(key: string, skip: (note: string) => void): void;
  /** Records that the check of `key` passed (call it after its last assertion). */
  pass(key: string): void;
  release(): void;
}

/** `testFile`: the test file whose assertions the kept passes stand for (import.meta.filename). */
export function keptPasses(name: string, testFile: string): KeptPasses {
  const own = [relative(ROOT, testFile), relative(ROOT, import.meta.filename)];
  const folder = takeCheckoutCacheFolder(name);
  const record = (key: string) => join(folder.dir, `${key}.passed`);
  const note = `passed before with the same inputs (${name}); CI's fresh clone runs it, as does a change to any input`;
  return {
    key(texts, files) {
      const hash = createHash("sha256").update(process.version).update("\0");
      for (const text of texts) hash.update(text).update("\0");
      for (const file of [...new Set([...files, ...own])].sort())
        hash
          .update(file)
          .update("\0")
          .update(readFileSync(join(ROOT, file)))
          .update("\0");
      return hash.digest("hex");
    },
    passed: (key) => existsSync(record(key)),
    note,
    skipIfPassed(key, skip) {
      // Shown as skipped, with why, never as a pass it did not earn this run.
      if (existsSync(record(key))) skip(note);
    },
    pass: (key) => writeFileSync(record(key), ""),
    release: () => folder.release(),
  };
}

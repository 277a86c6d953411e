// Where the build writes.
import { resolve } from "node:path";
import { ROOT } from "./apis.js";

export const GENERATED = resolve(ROOT, "generated");
export const DOCS = resolve(GENERATED, "docs");
/** The one runtime every generated/<api>/ client imports (a copy of scripts/templates/runtime/). */
export const RUNTIME = resolve(GENERATED, "runtime");

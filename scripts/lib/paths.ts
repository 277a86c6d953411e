// Where the build writes.
import { resolve } from "node:path";
import { ROOT } from "./apis.js";

export const GENERATED = resolve(ROOT, "generated");
export const DOCS = resolve(GENERATED, "docs");

// Import this module before anything that loads Prism: Prism's faker then loads on first use
// instead of at start-up (~1 s). The patch and why: deferFakerLoading in private-hooks.ts.
import { deferFakerLoading } from "../mock-engine/private-hooks.js";

deferFakerLoading();

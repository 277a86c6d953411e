// The mock's handling of one request, whatever carries it (node:http in mock-http.ts, MSW in
// msw-handlers.ts): Prism's request engine with our rules on top:
// - every answer to a request that reaches an operation is one that operation documents: bodies
//   that cannot be read (malformed JSON, not UTF-8, a media type the operation does not take,
//   over 10 MiB) get its documented 400 (else 422) with the example whose name says so
//   ("unparsable", "not an object") when there is one; a status Prism would invent (its own 422
//   problem when there is no 400/422) becomes the documented error, or, when the operation
//   documents no client error at all, its documented success; an Accept it cannot meet is
//   ignored (no 406), as real servers do. The request's problems are always listed in the
//   `sl-violations` header, as Prism does for invalid requests;
// - mock control that fails loudly: a `Prefer: code=` the operation does not declare or an
//   `example=` it does not have answers the mock's own problem+json naming what exists, marked
//   with `x-mock-error` (mock-control.ts);
// - CORS as the Prism CLI answers it by default (preflights, and the headers on every answer).
// The steps, each in its own module:
//   CORS        mock-cors.ts        the CORS headers; a preflight answered at once
//   routing     mock-router.ts      the operation, from a route table built once per document
//   validation  mock-validation.ts  the request as Prism reads it, body problems, preferences, clean or not
//   control     mock-control.ts     a Prefer the operation cannot honour: the mock's own problem
//   answer      mock-answer.ts      Prism's answer with our rules, or the cached answer to a clean request
//   report      mock-report.ts      the answer written, its problems in sl-violations
// The work that does not depend on the request (route table, Prism's compiled validators, the
// serialised answers to clean requests) is done once per document and operation.
import { createLogger } from "@stoplight/prism-core";
import { exampleMediaType, preferenceError, unreadablePreference } from "./mock-control.js";
import { answerCors } from "./mock-cors.js";
import { AnswerCache, PrismAnswers, requestConfig } from "./mock-answer.js";
import { RouteTable, preselectingRoute } from "./mock-router.js";
import { replay, send, sendControlError, sendProblem } from "./mock-report.js";
import { cleanCheck, preferencesOf, readInputBody, requestInput } from "./mock-validation.js";
import type {
  BodyRead,
  Either,
  MockPreferences,
  MockReply,
  MockRequest,
  MockServerOptions,
  Operation,
  PrismConfig,
  PrismInput,
} from "./mock-types.js";
import type { Answer } from "./mock-answer.js";

/** Prism's engine configured as every mock here runs it (the port mocks and the MSW handlers). */
export function mockEngineOptions(
  name: string,
  options: { verbose?: boolean; validateResponse?: boolean; cors?: boolean } = {},
): MockServerOptions {
  const config: PrismConfig = {
    isProxy: false,
    validateRequest: true,
    validateResponse: options.validateResponse ?? false,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const logger = createLogger(name, { level: options.verbose ? "info" : "silent" });
  return { cors: options.cors ?? true, config, logger };
}

export type MockHandler = (req: MockRequest, body: () => Promise<BodyRead>, res: MockReply) => Promise<void>;

/** The routing step: the operation a request reaches, as Prism's router chooses it; none for Prism's 404/405. */
function router(operations: Operation[]): (input: PrismInput) => Operation | undefined {
  const table = new RouteTable(operations);
  return (input) => {
    // A `__server` base URL is matched against the operations' servers: Prism's router does that.
    if (!input.url.baseUrl) return table.route(input.method, input.url.path);
    const routed = preselectingRoute({ resources: operations, input }) as Either<unknown, Operation>;
    return routed._tag === "Right" ? routed.right : undefined;
  };
}

/** Prism's config for one request (made only when Prism answers it, not for a replayed answer). */
function callConfig(config: PrismConfig, preferences: Either<unknown, MockPreferences>): PrismConfig {
  return requestConfig(config, preferences._tag === "Right" ? preferences.right : {});
}

function report(res: MockReply, answer: Answer): void {
  if (answer.error) sendProblem(res, answer.error);
  else send(res, answer.output, answer.violations);
}

/** The mock's answer to one request. */
export function createMockHandler(operations: Operation[], options: MockServerOptions): MockHandler {
  const { config, logger } = options;
  const route = router(operations);
  const prism = new PrismAnswers(operations, options);
  // Logging every request (verbose) needs Prism's whole pipeline on every request: no cache then.
  const cache = options.answerCache === false || logger.isLevelEnabled("info") ? undefined : new AnswerCache();
  const cleanChecks = new Map<Operation, (input: PrismInput) => boolean>();
  const isClean = (operation: Operation, input: PrismInput) => {
    let check = cleanChecks.get(operation);
    if (!check) cleanChecks.set(operation, (check = cleanCheck(operation, config)));
    return check(input);
  };

  return async (req, body, res) => {
    if (options.cors && answerCors(req, res)) return;
    const input = requestInput(req);
    const operation = route(input);
    const { problems, sentBody } = readInputBody(input, await body());
    const preferences = preferencesOf(input);
    if (!operation) return report(res, await prism.run(input, callConfig(config, preferences))); // Prism's own 404/405 problem
    // Mock control first: a Prefer the operation cannot honour is the tester's mistake, answered
    // loudly whatever else is wrong with the request (see mock-control.ts).
    const control =
      preferences._tag === "Left"
        ? unreadablePreference(operation, String(preferences.left.detail ?? "unreadable"))
        : preferenceError(operation, preferences.right);
    if (control) return sendControlError(res, control);
    const accept = String(req.headers.accept ?? "*/*").trim();
    const exampleType =
      preferences._tag === "Right" && (accept === "*/*" || accept === "")
        ? exampleMediaType(operation, preferences.right)
        : undefined;
    if (exampleType) input.headers = { ...input.headers, accept: exampleType };
    if (problems.length)
      return report(
        res,
        await prism.refuseUnreadable(operation, input, callConfig(config, preferences), problems, sentBody),
      );

    const key =
      cache && preferences._tag === "Right" && !operation.callbacks && isClean(operation, input)
        ? AnswerCache.key(input, preferences.right)
        : undefined;
    const cached = key === undefined ? undefined : cache!.get(operation, key);
    if (cached) return replay(res, cached);
    // A clean request (its key says so): Prism's checks would find nothing, so Prism answers it
    // without running them again (they compile the parameters' schemas on every call).
    const answerConfig = callConfig(config, preferences);
    const { answer, cacheable } = await prism.answer(
      operation,
      input,
      key === undefined ? answerConfig : { ...answerConfig, checkSecurity: false, validateRequest: false },
      sentBody,
    );
    if (answer.error) return sendProblem(res, answer.error);
    const written = send(res, answer.output, answer.violations);
    if (key !== undefined && cacheable) cache!.set(operation, key, written);
  };
}

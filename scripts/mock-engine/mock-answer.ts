// The answer step: Prism's engine (router, checks, mocker) makes the answer, with our rules on top:
// every answer to a request that reaches an operation is one that operation documents (see
// mock-handler.ts' header comment). And a cache: Prism answers every clean request to an operation
// (one its checks find nothing to say about, mock-validation.ts' isClean) with the same
// preferences (code, example) and Accept alike, so the first such answer, as written, is kept and
// replayed; Prism's per-request pipeline (routing, fp-ts, negotiation, example lookup, logging,
// serialisation) then runs once per operation, preference and Accept instead of once per request.
import { createInstance } from "@stoplight/prism-http";
import { preselectingRoute } from "./mock-router.js";
import type { PrismError, WrittenAnswer } from "./mock-report.js";
import type {
  Either,
  MockPreferences,
  MockServerOptions,
  Operation,
  PrismConfig,
  PrismInput,
  PrismOutput,
  Violation,
} from "./mock-types.js";

/** Prism's answer: its output with the problems it found, or a refusal of its own. */
export type Answer =
  { output: PrismOutput; violations: Violation[]; error?: undefined } | { error: PrismError; output?: undefined };

/** What a refused request carried, for choosing the example that describes it. */
export interface Refused {
  /** Its body could not be read as the operation's media type (malformed, wrong type, not UTF-8). */
  unparsable?: boolean;
  /** Its JSON body is not an object. */
  notAnObject?: boolean;
  /** It had a body that is not a form (see mock-validation.ts' BodyFindings). */
  sentBody: boolean;
}

/** The answer to a request that reached an operation, and whether it is the clean answer the cache may keep. */
export interface OperationAnswer {
  answer: Answer;
  cacheable: boolean;
}

/** The config for one request: the document's, with the request's preferences. */
export function requestConfig(config: PrismConfig, preferences: MockPreferences): PrismConfig {
  return { ...config, mock: { ...config.mock, ...preferences } };
}

/** The response entry of `operation` that covers `status` (exact, range such as 4XX, default). */
function documented(operation: Operation, status: number): boolean {
  const code = String(status);
  return operation.responses.some(
    (r) => r.code === code || r.code.toUpperCase() === `${code[0]}XX` || r.code === "default",
  );
}

/** The status to answer a bad request with: the operation's own 400, else 422, else its 4XX. */
function clientErrorStatus(operation: Operation): number | undefined {
  for (const code of ["400", "422"]) if (operation.responses.some((r) => r.code === code)) return Number(code);
  return operation.responses.some((r) => r.code.toUpperCase() === "4XX") ? 400 : undefined;
}

const UNPARSABLE = /unpars|pars(e|ing)|json|malformed/i;
const NOT_AN_OBJECT = /not.?an?.?object/i;
/** Example names that say the request had no body ("NoRequestBodyError", "MissingBody"). */
const NO_BODY = /no.?(request.?)?body|missing.?body|empty.?body|body.?missing/i;

/** The example names of `status`'s response, in spec order. */
function exampleNames(operation: Operation, status: number): string[] {
  const response = operation.responses.find((r) => r.code === String(status));
  return (response?.contents ?? []).flatMap((c) => (c.examples ?? []).map((e) => e.key));
}

/** The name of an example of `status` that matches `pattern`, if the spec has one. */
function exampleNamed(operation: Operation, status: number, pattern: RegExp): string | undefined {
  return exampleNames(operation, status).find((key) => pattern.test(key));
}

/**
 * The example of `status` that describes why the request was refused, where the spec's example
 * names say so; undefined leaves Prism's first example. A request that sent a body never gets an
 * example saying there was none (Livebridge's first 400 example is "No request body was found.").
 */
function refusalExample(operation: Operation, status: number, refused: Refused): string | undefined {
  const named =
    (refused.unparsable && exampleNamed(operation, status, UNPARSABLE)) ||
    (refused.notAnObject && exampleNamed(operation, status, NOT_AN_OBJECT));
  if (named) return named;
  const names = exampleNames(operation, status);
  if (!refused.sentBody) return names.find((n) => NO_BODY.test(n));
  return names[0] && NO_BODY.test(names[0]) ? names.find((n) => !NO_BODY.test(n)) : undefined;
}

/** Prism's NOT_FOUND problem: the asked status or example is not in the response it chose. */
const isPrismNotFound = (error: PrismError) => error.status === 404 && String(error.name ?? "").endsWith("#NOT_FOUND");

const SEVERITIES = ["Error", "Warning", "Information", "Hint"];
interface PrismDiagnostic {
  path?: string[];
  severity: number;
  code: string | number;
  message: string;
}
const located =
  (where: string) =>
  (d: PrismDiagnostic): Violation => ({
    location: [where, ...(d.path ?? [])],
    severity: SEVERITIES[d.severity] ?? String(d.severity),
    code: d.code,
    message: d.message,
  });

const withViolation = (why: Violation, answer: Answer): Answer =>
  answer.error ? answer : { ...answer, violations: [why, ...answer.violations] };

/** Prism's engine over one document's operations, with our rules for what an operation answers. */
export class PrismAnswers {
  private readonly prism: ReturnType<typeof createInstance>;

  constructor(
    private readonly operations: Operation[],
    options: MockServerOptions,
  ) {
    this.prism = createInstance(options.config as never, {
      logger: options.logger as never,
      route: preselectingRoute as never,
    });
  }

  /** Prism's answer to `input`. Routed to `operation` (known, no `__server`), Prism routes among it alone. */
  async run(input: PrismInput, config: PrismConfig, operation?: Operation): Promise<Answer> {
    // A fresh mock config per call: Prism's mocker writes the Accept header's types into it.
    const callConfig = { ...config, mock: { ...config.mock } };
    const resources = operation && !input.url.baseUrl ? [operation] : this.operations;
    const result = (await this.prism.request(input as never, resources as never, callConfig as never)()) as Either<
      PrismError,
      { output: PrismOutput; validations: { input: PrismDiagnostic[]; output: PrismDiagnostic[] } }
    >;
    if (result._tag === "Left") return { error: result.left };
    const { output, validations } = result.right;
    return {
      output,
      violations: [...validations.input.map(located("request")), ...validations.output.map(located("response"))],
    };
  }

  /** The operation's documented answer to a request it cannot take: its client error with the
   * fitting example, else (no client error documented) its success, as a lenient server would. */
  refuse(operation: Operation, input: PrismInput, config: PrismConfig, refused: Refused): Promise<Answer> {
    const status = clientErrorStatus(operation);
    const exampleKey = status ? refusalExample(operation, status, refused) : undefined;
    const { accept: _, ...headers } = input.headers; // no 406 for an Accept the error cannot meet
    const mock = { ...config.mock, code: status, exampleKey, dynamic: false };
    return this.run({ ...input, headers, body: undefined }, { ...config, validateRequest: false, mock }, operation);
  }

  /** The refusal of a request whose body could not be read, with its problems first. */
  async refuseUnreadable(
    operation: Operation,
    input: PrismInput,
    config: PrismConfig,
    problems: Violation[],
    sentBody: boolean,
  ): Promise<Answer> {
    const answer = await this.refuse(operation, input, config, { unparsable: true, sentBody });
    return answer.error ? answer : { ...answer, violations: [...problems, ...answer.violations] };
  }

  /** The answer to a readable request that reached `operation`. */
  async answer(
    operation: Operation,
    input: PrismInput,
    config: PrismConfig,
    sentBody: boolean,
  ): Promise<OperationAnswer> {
    let answer: Answer;
    try {
      answer = await this.run(input, config, operation);
    } catch (err) {
      // Prism threw while reading the request (say, a multipart field name it cannot
      // percent-decode): the request is one the operation cannot take, so answer its refusal.
      const why: Violation = {
        location: ["request", "body"],
        severity: "Error",
        code: "unreadable-request",
        message: `the mock could not read the request: ${(err as Error).message}`,
      };
      return {
        answer: withViolation(why, await this.refuse(operation, input, config, { unparsable: true, sentBody })),
        cacheable: false,
      };
    }
    const first = answer;
    if (
      answer.error &&
      isPrismNotFound(answer.error) &&
      (config.mock.code !== undefined || config.mock.exampleKey !== undefined)
    ) {
      // The operation has the asked status and example, but Prism answers this request with
      // another response (say, its 401 for a missing credential), which lacks them: the request
      // gets that answer, and sl-violations says that the Prefer was not applied.
      const why: Violation = {
        location: ["request", "header", "prefer"],
        severity: "Warning",
        code: "prefer-not-applied",
        message: `Prefer not applied to this request's answer: ${String(answer.error.detail ?? answer.error.message)}`,
      };
      answer = withViolation(
        why,
        await this.run(
          input,
          { ...config, mock: { ...config.mock, code: undefined, exampleKey: undefined } },
          operation,
        ),
      );
    }
    if (answer.error?.status === 406) {
      // An Accept header the operation cannot meet: real servers send what they have, so does the mock.
      const { accept: _, ...headers } = input.headers;
      const why: Violation = {
        location: ["request", "header", "accept"],
        severity: "Warning",
        code: 406,
        message: String(answer.error.message),
      };
      answer = withViolation(why, await this.run({ ...input, headers }, config, operation));
    }
    if (!answer.error && documented(operation, answer.output.statusCode)) {
      // Prism answers every invalid request with the status's first example; where the API has
      // its own wording for a body of the wrong media type or not an object, use that.
      const status = answer.output.statusCode;
      const wrongType = answer.violations.some((v) => v.code === 415);
      const notAnObject = answer.violations.some((v) => v.code === "type" && v.location.join(".") === "request.body");
      const refused = status >= 400 && answer.violations.some((v) => v.location[0] === "request");
      const exampleKey =
        refused && config.mock.exampleKey === undefined
          ? refusalExample(operation, status, { unparsable: wrongType, notAnObject, sentBody })
          : undefined;
      if (!exampleKey) return { answer, cacheable: answer === first && answer.violations.length === 0 };
      const chosen = await this.run(
        input,
        { ...config, validateRequest: false, mock: { ...config.mock, code: status, exampleKey } },
        operation,
      );
      return { answer: { output: chosen.output ?? answer.output, violations: answer.violations }, cacheable: false };
    }
    // Prism refused with a problem of its own (406 for an Accept it cannot meet, 415) or made up
    // a status this operation does not document (its 422 problem when there is no 400/422):
    // answer what the operation documents, and say why in sl-violations.
    const why: Violation[] = answer.error
      ? [
          {
            location: ["request"],
            severity: "Error",
            code: answer.error.status ?? 500,
            message: String(answer.error.message ?? "request refused"),
          },
        ]
      : answer.violations;
    const refusal = await this.refuse(operation, input, config, { unparsable: answer.error?.status === 415, sentBody });
    return {
      answer: refusal.error ? refusal : { ...refusal, violations: [...why, ...refusal.violations] },
      cacheable: false,
    };
  }
}

/** How many answers an operation keeps (one per preference and Accept asked): a bound against
 * requests that vary their Accept header to fill the memory. */
const PER_OPERATION = 16;

/** The answers to clean requests, per operation, by preferences and Accept. */
export class AnswerCache {
  private readonly answers = new WeakMap<Operation, Map<string, WrittenAnswer>>();

  /** The key of a clean request's answer, or undefined when it must not be kept (dynamic answers vary). */
  static key(input: PrismInput, preferences: MockPreferences): string | undefined {
    if (preferences.dynamic) return undefined;
    const accept = input.headers.accept;
    return `${preferences.code ?? ""}\n${preferences.exampleKey ?? ""}\n${accept === undefined ? "\u0000" : String(accept)}`;
  }

  get(operation: Operation, key: string): WrittenAnswer | undefined {
    return this.answers.get(operation)?.get(key);
  }

  set(operation: Operation, key: string, answer: WrittenAnswer): void {
    let answers = this.answers.get(operation);
    if (!answers) this.answers.set(operation, (answers = new Map()));
    if (answers.size < PER_OPERATION) answers.set(key, answer);
  }
}

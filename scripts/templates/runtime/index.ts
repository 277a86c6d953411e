// The public runtime of the generated clients (`openapi-five/runtime`): what a user of a client
// catches, calls, passes or names in a type. Its source is scripts/templates/runtime/; `npm run
// build` copies it to generated/runtime/. The machinery the generated code runs on (request hooks,
// media tables, the pagination and retry cores) is in ./internal.js, which no package export
// reaches, so it can change in any release; test/templates/runtime.test.ts pins the names here.
// The error every client throws (`unwrap`, pagination, login), and the call that throws it.
export { ApiError, unwrap } from "./api-error.js";
// Thrown by `paginate` when the server's paging data points back to a page already fetched.
export { PaginationError } from "./paginate.js";
// The `retry` option of the clients that retry (RunCloud, Lamplighter) and what `onRetry` gets.
export { IDEMPOTENT_METHODS, type RetryEvent, type RetryOptions } from "./retry.js";
// The login session of the clients that have `login()` (Livebridge's `client.session`).
export { Session, type SessionConfig } from "./session.js";

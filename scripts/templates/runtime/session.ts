// The session of APIs that log in with a form and then send a token header (Livebridge).
import { ApiError, redactUrl } from "./api-error.js";

export interface SessionConfig {
  /** Base URL the login path is resolved against. */
  baseUrl: string;
  /** The login operation's path, e.g. `/api/v1/session`. */
  loginPath: string;
  /** Header that carries the token, e.g. `X-Auth-Token`. */
  tokenHeader: string;
  /** fetch to use underneath (defaults to the global one); openapi-fetch's signature. */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** A token obtained earlier, if any. */
  token?: string;
}

/**
 * Keeps the session token and the credentials needed to renew it in private fields (they never
 * appear in errors, logs or JSON.stringify), sends the token on every request, and logs in
 * again once when the server answers 401 (any 401, with or without a body: HEAD has none), then
 * repeats the request once.
 */
export class Session {
  #token: string | undefined;
  #credentials: { username: string; password: string } | undefined;
  #pendingLogin: Promise<string> | undefined;
  readonly #config: SessionConfig;
  readonly #fetch: (input: Request, init?: RequestInit) => Promise<Response>;

  constructor(config: SessionConfig) {
    this.#config = config;
    this.#token = config.token;
    this.#fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** Posts the login form, keeps the token (and the credentials, to renew it) and returns the token. */
  async login(username: string, password: string): Promise<string> {
    this.#credentials = { username, password };
    return this.#renew();
  }

  /** Forgets the token and the credentials. The server keeps tokens until it restarts. */
  forget(): void {
    this.#token = undefined;
    this.#credentials = undefined;
  }

  #renew(): Promise<string> {
    // Concurrent 401s share one login.
    this.#pendingLogin ??= this.#postLogin().finally(() => {
      this.#pendingLogin = undefined;
    });
    return this.#pendingLogin;
  }

  async #postLogin(): Promise<string> {
    const credentials = this.#credentials;
    if (!credentials) throw new Error("no credentials: call login(username, password) first");
    const url = new URL(
      this.#config.loginPath.replace(/^\//, ""),
      this.#config.baseUrl.replace(/\/?$/, "/"),
    ).toString();
    const response = await this.#fetch(
      new Request(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams({ username: credentials.username, password: credentials.password }).toString(),
      }),
    );
    const body: unknown = await response.json().catch(() => undefined);
    const token = (body as { token?: unknown } | undefined)?.token;
    if (!response.ok || typeof token !== "string") {
      throw new ApiError(response.status, body, "POST", redactUrl(url));
    }
    this.#token = token;
    return token;
  }

  /** A fetch that adds the token and, on a 401, logs in again and repeats the request once
   * (a second 401 is returned as it is). `init` is openapi-fetch's requestInitExt (e.g. an undici
   * dispatcher), passed through untouched. */
  readonly fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    const retry = request.clone();
    const response = await this.#fetch(this.#withToken(request), init);
    if (response.status !== 401 || !this.#credentials || this.#isLogin(request)) return response;
    await response.body?.cancel();
    await this.#renew();
    return this.#fetch(this.#withToken(retry), init);
  };

  #withToken(request: Request): Request {
    if (this.#token !== undefined) request.headers.set(this.#config.tokenHeader, this.#token);
    return request;
  }

  #isLogin(request: Request): boolean {
    return new URL(request.url).pathname.endsWith(this.#config.loginPath);
  }

  toJSON(): Record<string, unknown> {
    return { hasToken: this.hasToken };
  }
}

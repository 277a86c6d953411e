// Preloaded (`--import`) into code the tests run as a user would: any fetch to a host other than
// 127.0.0.1 fails at once, so an example that would reach a vendor's server fails its test
// instead of going to the internet.
const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1")
    return Promise.reject(new Error(`refused: ${url.origin} is not a local mock (tests never reach the internet)`));
  return realFetch(input, init);
};

// Records the raw response of each call made through a generated client (an openapi-fetch
// middleware), so checks see exactly what went over the wire.
import type { ReceivedResponse } from "./response-check.js";
import type { AnyClient } from "./apis.js";

export function captureResponses(client: AnyClient): () => ReceivedResponse {
  let last: ReceivedResponse | undefined;
  client.use({
    async onResponse({ response }: { response: Response }) {
      last = { status: response.status, headers: response.headers, text: await response.clone().text() };
      return undefined;
    },
  });
  return () => {
    if (!last) throw new Error("no response was captured");
    const result = last;
    last = undefined;
    return result;
  };
}

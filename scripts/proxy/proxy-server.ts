// The validating proxy's server step: one node:http server on host:port handing every request to
// `handle`. Closing it ends every connection, kept-alive ones included, so that its port is free
// at once (a signal's clean stop).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface ProxyHandle {
  url: string;
  close(): Promise<void>;
}

export async function listenProxy(
  name: string,
  host: string,
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<ProxyHandle> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) => reject(new Error(`${name} proxy: cannot listen on ${host}:${port}: ${err.message}`)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

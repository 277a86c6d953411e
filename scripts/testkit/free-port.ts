// A port that was free a moment ago on 127.0.0.1, for a server that takes its port on the
// command line (the real servers, the Prism CLI peers of the bench).
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

// Where Livebridge's stored control document lives for verify --write (livebridge.ts): read before
// the first write and put back byte for byte after the last. Apart from livebridge.ts, so that
// verify can parse its options without loading the generated client.
import { readFile, rename, writeFile } from "node:fs/promises";

/** The server's stored control document, reachable from here (a file control store). */
export interface ControlStore {
  /** What it is, for messages (`control file /srv/livebridge/control.yaml`). */
  name: string;
  read(): Promise<Buffer>;
  write(bytes: Buffer): Promise<void>;
}

/** A control file on this machine: read as bytes, written back atomically (a temporary file renamed over it). */
export function controlFileStore(path: string): ControlStore {
  return {
    name: `control file ${path}`,
    read: () => readFile(path),
    write: async (bytes) => {
      const temporary = `${path}.live-check-${process.pid}`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
  };
}

/** --write without a way to restore the stored document: nothing is written. */
export class WriteRefusedError extends Error {
  override readonly name = "WriteRefusedError";
}

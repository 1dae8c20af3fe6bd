/** What a CLI command may touch: its streams. Passed in so commands are testable in process. */
import type { Readable, Writable } from "node:stream";

export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** A command: parses its own argv (after the command name) and returns an exit code. */
export type Command = (argv: readonly string[], io: Io) => Promise<number>;

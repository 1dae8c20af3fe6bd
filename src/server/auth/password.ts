/**
 * Password hashing with scrypt (node:crypto), a memory-hard function. Parameters follow the
 * OWASP Password Storage Cheat Sheet for scrypt (N = 2^17, r = 8, p = 1: 128 MiB per hash) and
 * are stored with each hash, so they can be raised later without invalidating old hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 128 * params.N * params.r * params.p + 16 * 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/** Constant-time comparison; a malformed stored hash verifies as false. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when a username is unknown (equal timing). */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}

/** The hashing queue is full: the caller answers 503 instead of queueing more work. */
export class HashQueueFull extends Error {
  constructor() {
    super("too many password checks in progress");
    this.name = "HashQueueFull";
  }
}

/**
 * At most `concurrency` hashes at once (each holds 128 MiB with the default parameters) and at
 * most `maxWaiting` waiting; beyond that {@link HashQueueFull}, so that a flood of sign-ins
 * cannot take the memory or queue work without bound (16 anonymous connections took 172 → 697 MB).
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length >= this.maxWaiting) throw new HashQueueFull();
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes to the next waiter as is; only when none waits is it freed.
      if (next) next();
      else this.running--;
    }
  }
}

/** The process's password hashing: two at a time, 32 waiting. */
export const HASHING = new BoundedQueue(2, 32);

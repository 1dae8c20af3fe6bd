/**
 * The sign-in throttle: every attempt counts, in the database, under four keys, checked in order
 * and counted atomically before the password is looked at (`store/throttle.ts`):
 *
 * - the account from this address (default 10 per window): stops guessing one password from one
 *   place without letting a stranger lock the owner out everywhere (the owner's own address
 *   still gets in);
 * - the account from anywhere (100): caps distributed guessing of one password;
 * - the address across accounts (30): caps guessing many accounts from one place;
 * - everyone (1000): caps a distributed flood.
 *
 * A successful sign-in clears its account-and-address count and gives its other attempts back.
 * Limits after OWASP's Authentication Cheat Sheet (throttle, do not lock out for good).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import { clearAttempts, countAttempt, refundAttempt } from "../../store/throttle.js";

export interface ThrottleLimits {
  readonly accountAddress: number;
  readonly account: number;
  readonly address: number;
  readonly overall: number;
  readonly windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  accountAddress: 10,
  account: 100,
  address: 30,
  overall: 1000,
  windowMs: 15 * 60 * 1000,
};

export type ThrottleScope = "account-address" | "account" | "address" | "overall";

export interface Refusal {
  readonly scope: ThrottleScope;
  readonly key: string;
  readonly limit: number;
}

function keysOf(limits: ThrottleLimits, username: string, address: string) {
  return [
    { scope: "account-address", key: `account-address:${username}|${address}`, limit: limits.accountAddress },
    { scope: "account", key: `account:${username}`, limit: limits.account },
    { scope: "address", key: `address:${address}`, limit: limits.address },
    { scope: "overall", key: "overall", limit: limits.overall },
  ] as const satisfies readonly Refusal[];
}

/**
 * Counts a sign-in attempt; the first key over its limit refuses it (the keys after it are not
 * counted, so that refused attempts against one account do not use up everyone's allowance).
 */
export async function takeSignInAttempt(
  db: Kysely<Database>,
  limits: ThrottleLimits,
  username: string,
  address: string,
): Promise<Refusal | undefined> {
  for (const k of keysOf(limits, username, address)) {
    if ((await countAttempt(db, k.key, limits.windowMs)) > k.limit) return k;
  }
  return undefined;
}

/** After a successful sign-in (or an attempt never checked): the attempt is given back. */
export async function giveBackSignInAttempt(
  db: Kysely<Database>,
  limits: ThrottleLimits,
  username: string,
  address: string,
  succeeded: boolean,
): Promise<void> {
  for (const k of keysOf(limits, username, address)) {
    if (succeeded && k.scope === "account-address") await clearAttempts(db, k.key);
    else await refundAttempt(db, k.key);
  }
}

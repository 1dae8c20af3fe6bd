/**
 * Which passwords are accepted for an account: at least {@link MIN_PASSWORD_LENGTH} characters
 * (NIST SP 800-63B §3.1.1.2 asks for at least 8 and allows more; 12 follows the OWASP
 * Authentication Cheat Sheet for passwords without a second factor) and not one of the common
 * passwords of the maintained list in `@zxcvbn-ts/language-common` (49 233 entries, compared
 * case-insensitively), as 800-63B asks ("values known to be commonly-used"). No composition rules.
 */
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 12;

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set((dictionary["passwords-common"] ?? []).map((p) => String(p).toLowerCase()));
  return common;
}

export type PasswordProblem = "too-short" | "common";

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "too-short";
  if (commonPasswords().has(password.toLowerCase())) return "common";
  return undefined;
}

export function passwordProblemText(problem: PasswordProblem): string {
  return problem === "too-short"
    ? `the password must be at least ${MIN_PASSWORD_LENGTH} characters`
    : "the password is on a list of commonly used passwords; choose another";
}

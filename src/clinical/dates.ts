/** Calendar dates as whole days since 1970-01-01 (UTC), so that rules compare days, not clocks. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of an ISO `YYYY-MM-DD` calendar date, or `undefined` if not a real date. */
export function isoDay(s: unknown): number | undefined {
  if (typeof s !== "string") return undefined;
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return t / 86_400_000;
}

/** The ISO `YYYY-MM-DD` form of a day number. */
export function dayIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

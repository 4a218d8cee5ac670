// RRSIG validity times: 32-bit values compared with serial-number arithmetic (RFC 1982,
// RFC 4034 3.1.5), so that signatures keep working across the 2106 wrap of the field.

const MODULUS = 2 ** 32;
const HALF = 2 ** 31;

/** -1, 0 or 1 as `a` is before, equal to or after `b` in RFC 1982 terms (undefined distance counts as after). */
export function compareSerial(a: number, b: number): number {
  const diff = (((a - b) % MODULUS) + MODULUS) % MODULUS;
  if (diff === 0) return 0;
  return diff <= HALF ? 1 : -1;
}

/** The 32-bit RRSIG time field for a time in Unix seconds. */
export function toRrsigTime(unixSeconds: number): number {
  return ((Math.floor(unixSeconds) % MODULUS) + MODULUS) % MODULUS;
}

/** An RRSIG time as ISO 8601, read as the instance nearest to `now` (for messages). */
export function rrsigTimeToIso(field: number, nowUnixSeconds: number): string {
  const now32 = toRrsigTime(nowUnixSeconds);
  const delta = compareSerial(field, now32) >= 0
    ? (((field - now32) % MODULUS) + MODULUS) % MODULUS
    : -((((now32 - field) % MODULUS) + MODULUS) % MODULUS);
  return new Date((Math.floor(nowUnixSeconds) + delta) * 1000).toISOString().replace(".000Z", "Z");
}

export type ValidityCheck =
  | { ok: true }
  | { ok: false; reason: "expired" | "not_yet_valid"; detail: string };

/** RFC 4035 5.3.1: inception <= now <= expiration, in serial arithmetic. */
export function checkValidityWindow(inception: number, expiration: number, nowUnixSeconds: number): ValidityCheck {
  const now32 = toRrsigTime(nowUnixSeconds);
  const when = `now ${rrsigTimeToIso(now32, nowUnixSeconds)}, valid from ${rrsigTimeToIso(inception, nowUnixSeconds)} until ${rrsigTimeToIso(expiration, nowUnixSeconds)}`;
  if (compareSerial(now32, inception) < 0) return { ok: false, reason: "not_yet_valid", detail: `signature not yet valid (${when})` };
  if (compareSerial(now32, expiration) > 0) return { ok: false, reason: "expired", detail: `signature expired (${when})` };
  return { ok: true };
}

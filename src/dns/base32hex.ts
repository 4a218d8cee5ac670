// Base32 with the "extended hex" alphabet (RFC 4648 section 7), without padding, as used for
// NSEC3 owner labels and the next-hashed-owner field (RFC 5155 section 3.3). Its point is that
// the encoding sorts in the same order as the raw hash, so the NSEC3 chain order is preserved.

const ALPHABET = "0123456789abcdefghijklmnopqrstuv";

/** Encodes to lower-case base32hex without padding. */
export function base32hexEncode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 0x1f];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1; // keep only the unread bits so the number stays small
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 0x1f];
  return out;
}

/**
 * Decodes base32hex (either case, no padding). Throws on characters outside the alphabet, on
 * impossible lengths and on non-zero leftover bits: a hash has exactly one valid spelling.
 */
export function base32hexDecode(text: string): Uint8Array {
  const lengthRemainder = text.length % 8;
  if (lengthRemainder === 1 || lengthRemainder === 3 || lengthRemainder === 6) {
    throw new Error(`impossible base32hex length ${text.length}: ${text}`);
  }
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toLowerCase()) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`not a base32hex character: ${JSON.stringify(ch)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) throw new Error(`base32hex has non-zero padding bits: ${text}`);
  return Uint8Array.from(out);
}

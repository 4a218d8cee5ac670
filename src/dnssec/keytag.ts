// Key tags (RFC 4034 Appendix B): the 16-bit checksum that lets an RRSIG or DS point at a
// DNSKEY. Not unique, so it only narrows the candidates; the signature decides.

const ALGORITHM_RSAMD5 = 1;

/** Key tag of a DNSKEY, from its complete RDATA (flags, protocol, algorithm, key). */
export function keyTag(dnskeyRdata: Uint8Array): number {
  if (dnskeyRdata[3] === ALGORITHM_RSAMD5) {
    // B.1: for RSA/MD5 the tag is the most significant 16 of the least significant 24 bits
    // of the modulus, i.e. the third- and second-last octets of the public key.
    const n = dnskeyRdata.length;
    if (n < 4 + 3) return 0;
    return (dnskeyRdata[n - 3]! << 8) | dnskeyRdata[n - 2]!;
  }
  let ac = 0;
  for (let i = 0; i < dnskeyRdata.length; i++) ac += i & 1 ? dnskeyRdata[i]! : dnskeyRdata[i]! << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

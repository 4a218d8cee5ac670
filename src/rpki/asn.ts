// AS numbers as the data files write them: "64500", "AS64500" (asplain, RFC 5396).

export const MAX_ASN = 4294967295;

/** The AS number in `text` ("64500", "AS64500", "as64500"), or undefined if it is not one. */
export function parseAsn(text: string): number | undefined {
  const digits = text.length > 2 && (text.charCodeAt(0) | 0x20) === 97 && (text.charCodeAt(1) | 0x20) === 115 ? text.slice(2) : text;
  if (digits.length === 0 || digits.length > 10) return undefined;
  let n = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n <= MAX_ASN ? n : undefined;
}

export function formatAsn(asn: number | null): string {
  return asn === null ? "AS_SET" : `AS${asn}`;
}

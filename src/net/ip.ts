// IP address literals as numbers. We parse them ourselves (strictly) so that the address policy
// judges exactly the address the socket will use: no octal or shortened IPv4 forms
// ("010.1", "127.1"), which other parsers read differently, and no host names.

export interface IpAddress {
  family: 4 | 6;
  /** The address as an unsigned 32-bit (IPv4) or 128-bit (IPv6) integer. */
  value: bigint;
  /** IPv6 zone ("eth0" in "fe80::1%eth0"); kept for sockets, ignored by the policy. */
  zone?: string;
}

export const IPV4_BITS = 32;
export const IPV6_BITS = 128;

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[0-9A-Za-z._~-]{1,64}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** Parses the 16-bit groups of one side of "::"; an IPv4 tail counts as two groups. */
function parseGroups(text: string, allowIpv4Tail: boolean): bigint[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: bigint[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (allowIpv4Tail && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(BigInt(parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  let groups: bigint[];
  if (halves.length === 1) {
    const all = parseGroups(text, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  } else {
    const head = parseGroups(halves[0]!, false);
    const tail = parseGroups(halves[1]!, true);
    // "::" stands for at least one zero group.
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<bigint>(8 - head.length - tail.length).fill(0n), ...tail];
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 literal (IPv6 may carry a %zone); undefined if it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (typeof text !== "string" || text.length > 100) return undefined;
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const percent = text.indexOf("%");
  const body = percent >= 0 ? text.slice(0, percent) : text;
  const zone = percent >= 0 ? text.slice(percent + 1) : undefined;
  if (zone !== undefined && !ZONE.test(zone)) return undefined;
  if (!body.includes(":")) return undefined;
  const v6 = parseIpv6(body);
  if (v6 === undefined) return undefined;
  return zone === undefined ? { family: 6, value: v6 } : { family: 6, value: v6, zone };
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join(".");
}

/** Canonical text (RFC 5952 for IPv6; IPv4-mapped addresses keep their dotted tail). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return formatIpv4(ip.value);
  const zone = ip.zone === undefined ? "" : `%${ip.zone}`;
  if (ip.value >> 32n === 0xffffn) return `::ffff:${formatIpv4(ip.value & 0xffffffffn)}${zone}`;
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((ip.value >> shift) & 0xffffn).toString(16));
  // Compress the longest run of two or more zero groups, the leftmost one on a tie.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const text = best < 0 ? groups.join(":") : `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
  return text + zone;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one. */
export function mappedIpv4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6 || ip.value >> 32n !== 0xffffn) return undefined;
  return { family: 4, value: ip.value & 0xffffffffn };
}

/** Canonical text of an address literal, or undefined when it is not one. Handy as a map key. */
export function canonicalIp(text: string): string | undefined {
  const ip = parseIp(text);
  return ip && formatIp(ip);
}

/** True if two literals denote the same address (zones ignored). */
export function sameIp(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  if (!x || !y) return false;
  if (x.family === y.family) return x.value === y.value;
  // The kernel reports IPv4 peers of dual-stack sockets as ::ffff:a.b.c.d.
  const v4 = x.family === 4 ? x : y;
  const v6 = x.family === 6 ? x : y;
  return mappedIpv4(v6)?.value === v4.value;
}

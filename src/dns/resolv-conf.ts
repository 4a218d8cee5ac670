// Where the recursive resolvers are: the `nameserver` lines of /etc/resolv.conf, or the
// --resolver option ("9.9.9.9", "127.0.0.1:5353", "2001:db8::1", "[::1]:5353").

import { readFile } from "node:fs/promises";
import { EndpointSyntaxError, splitEndpointText } from "../net/endpoint-text.ts";
import { parseIp } from "../net/ip.ts";
import type { Endpoint } from "../net/types.ts";

export const DNS_PORT = 53;
export const DEFAULT_RESOLV_CONF = "/etc/resolv.conf";

export class ResolverSpecError extends Error {}

export interface ResolvConf {
  servers: Endpoint[];
  /** Lines that looked like name servers but could not be used, with the reason. */
  problems: string[];
}

/**
 * Reads the `nameserver` lines (address only, port 53; IPv6 may carry a %zone). Other
 * keywords (search, options, ...) are not needed here and are skipped, as are comments.
 */
export function parseResolvConf(text: string): ResolvConf {
  const servers: Endpoint[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [keyword, value, ...rest] = line.split(/\s+/);
    if (keyword !== "nameserver") return;
    const where = `line ${i + 1}`;
    if (value === undefined) return problems.push(`${where}: "nameserver" without an address`);
    if (rest.length > 0) problems.push(`${where}: ignoring extra words after ${value}`);
    if (!parseIp(value)) return problems.push(`${where}: ${JSON.stringify(value)} is not an IP address`);
    servers.push({ address: value, port: DNS_PORT });
  });
  return { servers, problems };
}

/** The name servers of a resolv.conf file; none if it is missing or unreadable. */
export async function readResolvConf(path: string = DEFAULT_RESOLV_CONF): Promise<Endpoint[]> {
  return (await readResolvConfDetailed(path)).servers;
}

/** Like readResolvConf, with the problems found (an unreadable file is one). */
export async function readResolvConfDetailed(path: string = DEFAULT_RESOLV_CONF): Promise<ResolvConf> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    return { servers: [], problems: [`cannot read ${path}: ${(err as Error).message}`] };
  }
  return parseResolvConf(text);
}

/** Parses one --resolver value: an IP address with an optional port (bracket IPv6 with a port). */
export function parseResolverSpec(spec: string): Endpoint {
  if (spec.trim() === "") throw new ResolverSpecError("--resolver needs an IP address, e.g. 9.9.9.9 or [2001:db8::1]:53");
  try {
    const { address, port } = splitEndpointText(spec);
    return { address, port: typeof port === "number" ? port : DNS_PORT };
  } catch (err) {
    if (err instanceof EndpointSyntaxError) throw new ResolverSpecError(`--resolver ${spec}: ${err.message}`);
    throw err;
  }
}

/** The same as parseResolverSpec (the name the CLI code uses). */
export const parseResolverArgument = parseResolverSpec;

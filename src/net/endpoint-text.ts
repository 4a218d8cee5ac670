// "HOST:PORT" text for endpoints: "192.0.2.1:53", "[2001:db8::1]:53", and bare addresses.
// Shared by --resolver, resolv.conf and the rewrite table so they all read addresses alike.

import { canonicalIp, parseIp } from "./ip.ts";
import type { Endpoint } from "./types.ts";

export class EndpointSyntaxError extends Error {}

export interface ParsedEndpointText {
  address: string;
  /** undefined when the text had no port; "*" when it was a wildcard (only if allowed). */
  port: number | "*" | undefined;
}

function parsePort(text: string, whole: string, allowWildcard: boolean): number | "*" {
  if (allowWildcard && text === "*") return "*";
  if (!/^[1-9]\d{0,4}$/.test(text) || Number(text) > 65535) {
    throw new EndpointSyntaxError(`bad port ${JSON.stringify(text)} in ${JSON.stringify(whole)}: expected 1 to 65535`);
  }
  return Number(text);
}

/**
 * Splits endpoint text into address and port. An IPv6 address with a port must be bracketed;
 * a bare IPv6 literal such as "::1:53" is read as an address (it is one) without a port.
 */
export function splitEndpointText(text: string, opts: { allowWildcardPort?: boolean } = {}): ParsedEndpointText {
  const whole = text;
  const allowWildcard = opts.allowWildcardPort ?? false;
  const example = "e.g. 192.0.2.1, 192.0.2.1:53, 2001:db8::1 or [2001:db8::1]:53";
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    const close = trimmed.indexOf("]");
    if (close < 0) throw new EndpointSyntaxError(`missing "]" in ${JSON.stringify(whole)} (${example})`);
    const address = trimmed.slice(1, close);
    const rest = trimmed.slice(close + 1);
    if (parseIp(address)?.family !== 6) {
      throw new EndpointSyntaxError(`${JSON.stringify(address)} in brackets is not an IPv6 address (${example})`);
    }
    if (rest === "") return { address, port: undefined };
    if (!rest.startsWith(":")) throw new EndpointSyntaxError(`unexpected ${JSON.stringify(rest)} after "]" in ${JSON.stringify(whole)}`);
    return { address, port: parsePort(rest.slice(1), whole, allowWildcard) };
  }
  if (parseIp(trimmed)) return { address: trimmed, port: undefined };
  const colon = trimmed.lastIndexOf(":");
  if (colon > 0 && parseIp(trimmed.slice(0, colon))?.family === 4) {
    return { address: trimmed.slice(0, colon), port: parsePort(trimmed.slice(colon + 1), whole, allowWildcard) };
  }
  if (colon > 0 && parseIp(trimmed.slice(0, colon))?.family === 6) {
    throw new EndpointSyntaxError(`put IPv6 addresses with a port in brackets: [${trimmed.slice(0, colon)}]:${trimmed.slice(colon + 1)}`);
  }
  throw new EndpointSyntaxError(`${JSON.stringify(whole)} is not an IP address, optionally with a port (${example}); host names are not accepted`);
}

/** Parses endpoint text with a default port. */
export function parseEndpoint(text: string, defaultPort: number): Endpoint {
  const { address, port } = splitEndpointText(text);
  return { address, port: typeof port === "number" ? port : defaultPort };
}

/** "192.0.2.1:53" or "[2001:db8::1]:53". */
export function formatEndpoint(ep: Endpoint): string {
  return ep.address.includes(":") ? `[${ep.address}]:${ep.port}` : `${ep.address}:${ep.port}`;
}

/** A stable key for an endpoint: canonical address text and port. */
export function endpointKey(ep: Endpoint): string {
  return formatEndpoint({ address: canonicalIp(ep.address) ?? ep.address, port: ep.port });
}

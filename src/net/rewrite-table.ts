// For tests and the simulated internet only: sends traffic meant for one endpoint to another,
// e.g. 192.0.2.53:53 (a documentation address in a simulated zone) to 127.0.0.1:41234 where
// an in-process server listens. The dialer checks the address policy on the ORIGINAL target and
// applies the rewrite only when it opens the socket, so the simulation exercises the same
// policy decisions as a real run.

import { endpointKey, splitEndpointText } from "./endpoint-text.ts";
import { canonicalIp } from "./ip.ts";
import type { Endpoint } from "./types.ts";

export class RewriteError extends Error {}

/** What to rewrite: one endpoint, or every port of an address (port "*" or absent). */
export interface RewriteSource {
  address: string;
  port?: number | "*";
}

/** Where to send instead; without a port the original port is kept. */
export interface RewriteDestination {
  address: string;
  port?: number;
}

export class RewriteTable {
  // Keys: "[addr]:port" for exact rules, "[addr]:*" for whole-address rules.
  readonly #rules = new Map<string, RewriteDestination>();

  /**
   * Adds a rule. `from` is an endpoint, or an address with port "*" (or no port) for every
   * port of that address; text forms are "192.0.2.53:*", "192.0.2.53:53", "[2001:db8::53]:53"
   * and a bare address (every port). `to` as text: "127.0.0.1:5300", "[::1]:5300", or a bare
   * address (same port). Later rules for the same source replace earlier ones.
   */
  add(from: string | RewriteSource, to: string | RewriteDestination): this {
    const source = typeof from === "string" ? sourceFromText(from) : from;
    const destination = typeof to === "string" ? destinationFromText(to) : to;
    const fromAddress = canonicalIp(source.address);
    if (fromAddress === undefined) throw new RewriteError(`rewrite source ${JSON.stringify(source.address)} is not an IP address`);
    if (canonicalIp(destination.address) === undefined) throw new RewriteError(`rewrite destination ${JSON.stringify(destination.address)} is not an IP address`);
    for (const port of [source.port, destination.port]) {
      if (typeof port === "number" && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new RewriteError(`bad port ${port} in rewrite rule`);
    }
    const key = keyOf(fromAddress, source.port === undefined ? "*" : source.port);
    this.#rules.set(key, destination.port === undefined ? { address: destination.address } : { address: destination.address, port: destination.port });
    return this;
  }

  /** Where to really connect for `target`: an exact rule wins over a whole-address rule. */
  resolve(target: Endpoint): Endpoint {
    const address = canonicalIp(target.address);
    if (address === undefined) return target;
    const rule = this.#rules.get(keyOf(address, target.port)) ?? this.#rules.get(keyOf(address, "*"));
    if (!rule) return target;
    return { address: rule.address, port: rule.port ?? target.port };
  }

  get size(): number {
    return this.#rules.size;
  }
}

function keyOf(canonicalAddress: string, port: number | "*"): string {
  return port === "*" ? `[${canonicalAddress}]:*` : endpointKey({ address: canonicalAddress, port });
}

function sourceFromText(text: string): RewriteSource {
  const { address, port } = parseText(text, true);
  return { address, port: port ?? "*" };
}

function destinationFromText(text: string): RewriteDestination {
  const { address, port } = parseText(text, false);
  if (port === "*") throw new RewriteError("a rewrite destination cannot have a wildcard port");
  return port === undefined ? { address } : { address, port };
}

function parseText(text: string, allowWildcardPort: boolean): ReturnType<typeof splitEndpointText> {
  try {
    return splitEndpointText(text, { allowWildcardPort });
  } catch (err) {
    throw new RewriteError(`bad rewrite endpoint: ${(err as Error).message}`);
  }
}

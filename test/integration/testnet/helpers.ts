// Shared bits of the testnet tests: finding a simulated host's listener, and reading records.

import type { ResourceRecord } from "../../../src/dns/message.ts";
import { normaliseName } from "../../../src/dns/name.ts";
import { decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { typeName } from "../../../src/dns/rr-types.ts";
import type { Endpoint } from "../../../src/net/types.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

/** The loopback listener that plays a simulated address. */
export function listenerOf(t: Testnet, address: string): Endpoint {
  const s = t.servers.find((x) => x.address === address);
  if (!s) throw new Error(`no simulated DNS server at ${address}`);
  return s.listener;
}

/** "owner TYPE" per record, RRSIGs as "owner RRSIG(COVERED)", for compact assertions. */
export function summarise(records: readonly ResourceRecord[]): string[] {
  return records.map((r) => {
    const type = typeName(r.type);
    const shown = type === "RRSIG" ? `RRSIG(${typeName(decodeRRSIG(r.rdata).typeCovered)})` : type;
    return `${normaliseName(r.name)} ${shown}`;
  });
}

export function typesOf(records: readonly ResourceRecord[]): string[] {
  return [...new Set(records.map((r) => typeName(r.type)))].sort();
}

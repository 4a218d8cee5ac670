// One query through the resolver for the validator, always with DO=1 and CD=1: the resolver
// is only a cache, and must hand over bogus data too so that meetlat can judge it itself.
// A failed lookup becomes an "indeterminate" verdict that says what went wrong.

import type { DnsLookup } from "../dns/client-types.ts";
import type { DnsMessage } from "../dns/message.ts";
import { typeName } from "../dns/rr-types.ts";
import { EDE, indeterminate, type Verdict } from "./reasons.ts";

export type Asked = { ok: true; message: DnsMessage } | { ok: false; verdict: Verdict };

const FAILURE_EDE = { timeout: EDE.noReachableAuthority, network: EDE.networkError } as const;

export async function ask(lookup: DnsLookup, name: string, type: number): Promise<Asked> {
  const what = `${name}/${typeName(type)}`;
  try {
    const outcome = await lookup.query(name, type, { dnssecOk: true, checkingDisabled: true, recursionDesired: true });
    if (outcome.ok) return { ok: true, message: outcome.answer.message };
    const ede = FAILURE_EDE[outcome.error.code as keyof typeof FAILURE_EDE] ?? EDE.dnssecIndeterminate;
    return { ok: false, verdict: indeterminate(`query for ${what} failed: ${outcome.error.code}: ${outcome.error.message}`, ede) };
  } catch (e) {
    return { ok: false, verdict: indeterminate(`query for ${what} failed: ${(e as Error).message}`) };
  }
}

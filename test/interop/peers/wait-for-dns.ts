// Readiness polling for the interop peers: a freshly started server is asked one question
// again and again (a bounded number of times) until it answers, with the harness's raw DNS
// query (test/helpers/raw-dns-query.ts), so it does not depend on meetlat's DNS client.

import { rawDnsQuery } from "../../helpers/raw-dns-query.ts";

/**
 * Polls a DNS server until it answers `name`/`type` with NOERROR (any answer at all when
 * `anyRcode`), with a bounded number of attempts; throws with the last error otherwise.
 */
export async function waitForDns(
  address: string,
  port: number,
  name: string,
  type: number,
  opts: { attempts?: number; intervalMs?: number; anyRcode?: boolean; isAlive?: () => boolean } = {},
): Promise<void> {
  const attempts = opts.attempts ?? 50;
  let last = "no attempt made";
  for (let i = 0; i < attempts; i++) {
    if (opts.isAlive && !opts.isAlive()) throw new Error(`server on ${address}:${port} exited before it was ready`);
    try {
      const { message } = await rawDnsQuery({ address, port }, name, type, { transport: "auto", rd: false, ad: true, timeoutMs: 300, dnssecOk: false });
      if (opts.anyRcode || message.rcode === 0) return;
      last = `rcode ${message.rcode}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(`server on ${address}:${port} not ready after ${attempts} attempts (${name} ${type}): ${last}`);
}

// Fetches a validator's VRP export over HTTP(S) with undici, every connection opened by
// meetlat's dialer (address policy, deadline, per-target limit), never by undici itself.

import { connect as tlsConnect } from "node:tls";
import type { Socket } from "node:net";
import { parseIp } from "../net/ip.ts";
import type { Dialer } from "../net/types.ts";

export interface HttpGetOptions {
  dialer: Dialer;
  /** Addresses of a host name in the URL (IP literals and "localhost" need no lookup). */
  resolveHost(host: string): Promise<string[]>;
  timeoutMs: number;
  /** The body is refused past this size. */
  maxBytes: number;
}

export interface HttpText {
  text: string;
  contentType: string | undefined;
  /** The address the connection went to. */
  address: string;
}

export class HttpGetError extends Error {}

/** The addresses to connect to for the URL's host. */
async function hostAddresses(host: string, o: HttpGetOptions): Promise<string[]> {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (parseIp(bare)) return [bare];
  if (bare.toLowerCase() === "localhost") return ["127.0.0.1"];
  const found = await o.resolveHost(bare);
  if (found.length === 0) throw new HttpGetError(`${bare} has no address`);
  return found;
}

export async function httpGetText(url: string, o: HttpGetOptions): Promise<HttpText> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HttpGetError(`not a URL: ${JSON.stringify(url)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new HttpGetError(`only http:// and https:// URLs are supported, not ${u.protocol}`);
  const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  const [address] = await hostAddresses(u.hostname, o);
  // Loaded only here: a scan without --rpki-vrps-url does not need the HTTP client.
  const { Agent, request } = await import("undici");
  const servername = parseIp(u.hostname.replace(/^\[|\]$/g, "")) ? undefined : u.hostname;
  const agent = new Agent({
    connect: (_opts, callback) => {
      o.dialer.connectTcp({ address: address!, port }, { timeoutMs: o.timeoutMs }).then((conn) => {
        if (u.protocol === "http:") return callback(null, conn.socket);
        const tls = tlsConnect({ socket: conn.socket, ...(servername ? { servername } : {}), ALPNProtocols: ["http/1.1"] });
        tls.once("secureConnect", () => callback(null, tls as Socket));
        tls.once("error", (err) => { conn.close(); callback(err, null); });
      }, (err: Error) => callback(err, null));
    },
  });
  try {
    const res = await request(url, { dispatcher: agent, signal: AbortSignal.timeout(o.timeoutMs) });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new HttpGetError(`${url} answered HTTP ${res.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > o.maxBytes) {
        res.body.destroy();
        throw new HttpGetError(`${url}: the answer is larger than ${o.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const type = res.headers["content-type"];
    return { text: Buffer.concat(chunks).toString("utf8"), contentType: Array.isArray(type) ? type[0] : type, address: address! };
  } catch (err) {
    if (err instanceof HttpGetError) throw err;
    throw new HttpGetError(`${url}: ${(err as Error).message}`);
  } finally {
    await agent.close().catch(() => {});
  }
}

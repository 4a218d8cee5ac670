// Host names out of the free-text fields of the source lists: a "Website" field may hold a
// URL, a bare host, two hosts ("www.a.nl en www.b.nl") or text; an "Emailadres" field one or
// more addresses, a contact-form URL or "NVT". Domains are kept without a leading "www.".

import { normaliseRegisterDomain, RegisterDomainError } from "../domain-name.ts";

const HOST_TOKEN = /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?([/?#]\S*)?$/i;

function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** A register domain, or undefined (with the reason) when the text is not one. */
export function toDomain(host: string): { domain?: string; error?: string } {
  try {
    return { domain: stripWww(normaliseRegisterDomain(host)) };
  } catch (err) {
    if (err instanceof RegisterDomainError) return { error: err.message };
    throw err;
  }
}

export function hostsOfWebsite(field: string | undefined): string[] {
  if (!field) return [];
  const hosts: string[] = [];
  for (const token of field.split(/[\s,;|]+/)) {
    if (!HOST_TOKEN.test(token)) continue;
    const url = new URL(/^https?:\/\//i.test(token) ? token : `https://${token}`);
    hosts.push(url.hostname.toLowerCase());
  }
  return hosts;
}

/** The domain of the first e-mail address in the field ("a@x.nl; b@x.nl" → "x.nl"). */
export function mailHostOf(field: string | undefined): string | undefined {
  const match = field ? /[^\s@,;<>]+@([^\s@,;<>]+)/.exec(field) : null;
  return match ? match[1]!.toLowerCase().replace(/\.$/, "") : undefined;
}

/** "a.b.example.nl" → ["b.example.nl", "example.nl"]. */
export function parentDomains(domain: string): string[] {
  const labels = domain.split(".");
  const out: string[] = [];
  for (let i = 1; i < labels.length - 1; i++) out.push(labels.slice(i).join("."));
  return out;
}

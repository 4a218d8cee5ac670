// Derives the Dutch register from the public sources: every body of the 2024 Woo list
// (municipalities named and coded as CBS does, joined to the 2025 boundaries file), their web
// and mail domains, the 2,461 domains of the 2022 government list attached to their body where
// its agency (or the domain itself) says which, and the 2023 merger the 2022 list still shows.
// All judgement calls are data in data/registers/nl/mapping/; this file only applies them, and
// fails when the result breaks what the register promises (342 municipalities with CBS codes, …).

import agencies from "../../../data/registers/nl/mapping/agencies-2022.json" with { type: "json" };
import gemeenteNames from "../../../data/registers/nl/mapping/gemeente-names.json" with { type: "json" };
import hostRules from "../../../data/registers/nl/mapping/hosts.json" with { type: "json" };
import mergers from "../../../data/registers/nl/mapping/municipal-mergers.json" with { type: "json" };
import typeRules from "../../../data/registers/nl/mapping/organisation-types.json" with { type: "json" };
import { keyFromName } from "../parse-row.ts";
import { hostsOfWebsite, mailHostOf, parentDomains, toDomain } from "./hosts.ts";
import { newDomain, toRows } from "./register-rows.ts";
import type { BuiltDomain, BuiltOrganisation, RegisterRow } from "./register-rows.ts";
import type { SharedSources } from "./sources.ts";

export const SOURCE_WOO = "nl-adreslijst-woo-2024";
export const SOURCE_2022 = "nl-government-domains-2022";
export const SOURCE_MERGERS = "cbs-gemeentelijke-indeling-2023";
const TAG_MAIL_ASSUMED = "mail-domain-assumed";

export interface BuildReport {
  counts: Record<string, number>;
  notes: Record<string, string[]>;
}

export class BuildError extends Error {}

interface Org extends BuiltOrganisation {
  sources: Set<string>;
  land?: string;
}

function typeOf(name: string): string {
  return typeRules.rules.find((r) => new RegExp(r.pattern).test(name))?.type ?? "other";
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function buildNl(src: Pick<SharedSources, "woo" | "domains2022" | "municipalities">): { rows: RegisterRow[]; report: BuildReport } {
  const notes: Record<string, string[]> = {};
  const note = (topic: string, text: string) => { (notes[topic] ??= []).push(text); };
  const orgs = new Map<string, Org>();
  const keyByWooName = new Map<string, string>();
  const cbsByName = new Map(src.municipalities.map((m) => [m.name, m.code]));
  const nameMap: Record<string, string> = gemeenteNames.names;

  // 1. The bodies of the Woo list. Names that give the same key are told apart by their country.
  const slugCount = new Map<string, number>();
  for (const w of src.woo) slugCount.set(keyFromName(w.Bestuursorgaan), (slugCount.get(keyFromName(w.Bestuursorgaan)) ?? 0) + 1);
  for (const w of src.woo) {
    const wooName = w.Bestuursorgaan.replace(/\s+/g, " ").trim();
    const type = typeOf(wooName);
    let org: Org;
    if (type === "gemeente") {
      const short = wooName.slice("Gemeente ".length);
      const cbsName = nameMap[short] ?? short;
      const code = cbsByName.get(cbsName);
      if (!code) throw new BuildError(`municipality "${wooName}" is not in the boundaries file (add its spelling to gemeente-names.json)`);
      org = { key: code.toLowerCase(), name: `Gemeente ${cbsName}`, type, codes: { cbs: code }, sources: new Set([SOURCE_WOO]) };
    } else {
      const slug = keyFromName(wooName);
      const key = slugCount.get(slug)! > 1 ? `${slug}-${keyFromName(w.Land)}` : slug;
      org = { key, name: wooName, type, codes: {}, sources: new Set([SOURCE_WOO]), land: w.Land };
    }
    if (orgs.has(org.key)) throw new BuildError(`two bodies get the key "${org.key}"`);
    orgs.set(org.key, org);
    keyByWooName.set(wooName, org.key);
  }
  const keyOfName = (name: string) => {
    const key = keyByWooName.get(name);
    if (!key) throw new BuildError(`no body named "${name}" in the Woo list (mapping files)`);
    return key;
  };

  // 2. Their web and mail domains, as the Woo list gives them.
  const domains = new Map<string, BuiltDomain>();
  const domainOf = (name: string) => domains.get(name) ?? domains.set(name, newDomain(name)).get(name)!;
  const claims = new Map<string, Set<string>>();
  const corrections: Record<string, { replaceWith: string; reason: string }> = hostRules.corrections;
  const ignored: Record<string, string> = hostRules.ignored;
  const usable = (host: string, org: Org, field: string): string | undefined => {
    const corrected = corrections[host]?.replaceWith ?? host;
    if (corrected !== host) note("corrected", `${org.name}: ${field} ${host} → ${corrected} (${corrections[host]!.reason})`);
    if (ignored[corrected] !== undefined) {
      note("ignored", `${org.name}: ${field} ${corrected} (${ignored[corrected]})`);
      return undefined;
    }
    const { domain, error } = toDomain(corrected);
    if (!domain) note("not a domain", `${org.name}: ${field} "${host}": ${error}`);
    return domain;
  };
  for (const w of src.woo) {
    const org = orgs.get(keyByWooName.get(w.Bestuursorgaan.replace(/\s+/g, " ").trim())!)!;
    const web = hostsOfWebsite(w.Website).map((h) => usable(h, org, "website")).filter((d): d is string => d !== undefined);
    const mailHost = mailHostOf(w.Emailadres);
    let mail = mailHost !== undefined ? usable(mailHost, org, "e-mail") : undefined;
    const assumed = mail === undefined && web.length > 0 && hostRules.assumeMailDomainFor.includes(org.type);
    if (assumed) {
      mail = web[0]!;
      note("mail domain assumed", `${org.name}: no e-mail address in the Woo list; ${mail} is assumed to be its mail domain too (tag ${TAG_MAIL_ASSUMED})`);
    }
    for (const [name, purpose] of [...web.map((d) => [d, "web"] as const), ...(mail ? [[mail, "mail"] as const] : [])]) {
      const d = domainOf(name);
      d.purposes.add(purpose);
      d.sources.add(SOURCE_WOO);
      if (assumed && name === mail) d.tags.add(TAG_MAIL_ASSUMED);
      claims.set(name, (claims.get(name) ?? new Set()).add(org.key));
    }
  }

  // Who owns each claimed domain: a rule in hosts.json, else the one body that names it.
  const owners: Record<string, { organisation: string; reason: string }> = hostRules.owners;
  const wooOwner = new Map<string, string>();
  for (const [name, claimants] of claims) {
    const rule = owners[name];
    const owner = rule ? keyOfName(rule.organisation) : claimants.size === 1 ? [...claimants][0]! : undefined;
    if (!owner) note("shared without owner", `${name}: named by ${[...claimants].map((k) => orgs.get(k)!.name).join(", ")} (linked as related; hosts.json can name an owner)`);
    if (owner) wooOwner.set(name, owner);
    const d = domainOf(name);
    if (owner) d.links.set(owner, "owner");
    for (const k of claimants) if (k !== owner) d.links.set(k, "related");
  }

  // 3. The municipalities that merged before 2024: former bodies with their end date.
  const mergedDomain = new Map<string, { former: string; successor: string }>();
  for (const m of mergers.mergers) {
    const successor = orgs.get(m.into.toLowerCase());
    if (!successor) throw new BuildError(`merger into ${m.into}: no such municipality`);
    successor.validFrom = m.date;
    for (const f of m.from) {
      const key = f.code.toLowerCase();
      orgs.set(key, { key, name: `Gemeente ${f.name}`, type: "gemeente", codes: { cbs: f.code }, validTo: dayBefore(m.date), mergedInto: successor.key, sources: new Set([SOURCE_MERGERS]) });
      for (const d of f.domains) mergedDomain.set(d, { former: key, successor: successor.key });
    }
  }

  // 4. The 2022 list: each domain to the body its agency names, or that the domain identifies.
  const tags: Record<string, string> = agencies.domainTypeTags;
  const agencyMap: Record<string, { organisation?: string; new?: { name: string; type: string } }> = agencies.agencies;
  const agencyKey = (agency: string): string | undefined => {
    if (agencies.generic.includes(agency)) return undefined;
    const rule = agencyMap[agency];
    if (rule?.new) {
      const key = keyFromName(rule.new.name);
      if (!orgs.has(key)) orgs.set(key, { key, name: rule.new.name, type: rule.new.type, codes: {}, sources: new Set([SOURCE_2022]) });
      return key;
    }
    return keyOfName(rule?.organisation ?? agency);
  };
  for (const row of src.domains2022) {
    const { domain: name, error } = toDomain(row.name);
    if (!name) throw new BuildError(`2022 list: "${row.name}": ${error}`);
    const tag = tags[row.type];
    if (!tag) throw new BuildError(`2022 list: unknown domain type "${row.type}" (agencies-2022.json domainTypeTags)`);
    const d = domainOf(name);
    d.purposes.add("web");
    d.sources.add(SOURCE_2022);
    d.tags.add(tag);
    const agency = agencyKey(row.agency.trim());
    orgs.get(agency ?? "")?.sources.add(SOURCE_2022);
    const merged = mergedDomain.get(name);
    if (merged) {
      d.links.set(merged.former, "owner");
      d.links.set(merged.successor, "owner");
      continue;
    }
    // A subdomain belongs to the body that owns its parent, unless that owner is a ministry
    // (rijksoverheid.nl hosts campaigns of every ministry): then the agency says more.
    const parentOwner = parentDomains(name).map((p) => wooOwner.get(p)).find((k) => k !== undefined);
    const owner = wooOwner.get(name)
      ?? (parentOwner !== undefined && (orgs.get(parentOwner)!.type !== "ministerie" || agency === undefined) ? parentOwner : undefined)
      ?? agency;
    if (owner === undefined) {
      if (d.links.size === 0) note("without organisation", `${name} (${row.type})`);
      continue;
    }
    if (![...d.links.values()].includes("owner")) d.links.set(owner, "owner");
    else if (!d.links.has(owner)) d.links.set(owner, "related");
    if (agency !== undefined && !d.links.has(agency)) d.links.set(agency, "related");
  }

  const report = checkNl(orgs, domains, src);
  report.notes = notes;
  const rows = toRows(orgs.values(), domains.values(), (o) => [...(o as Org).sources].sort().join("; "));
  return { rows, report };
}

/** The promises of the shipped register, checked on every build. */
function checkNl(orgs: Map<string, Org>, domains: Map<string, BuiltDomain>, src: Pick<SharedSources, "woo" | "domains2022" | "municipalities">): BuildReport {
  const current = [...orgs.values()].filter((o) => o.validTo === undefined);
  const count = (type: string) => current.filter((o) => o.type === type).length;
  const codes = new Set(src.municipalities.map((m) => m.code));
  const municipalities = current.filter((o) => o.type === "gemeente");
  const problems: string[] = [];
  if (municipalities.length !== src.municipalities.length) problems.push(`${municipalities.length} municipalities, the boundaries file has ${src.municipalities.length}`);
  for (const m of municipalities) if (!codes.has(m.codes.cbs ?? "")) problems.push(`${m.name}: CBS code ${m.codes.cbs} is not in the boundaries file`);
  for (const m of municipalities) if (![...domains.values()].some((d) => d.links.get(m.key) === "owner" && d.purposes.has("web"))) problems.push(`${m.name} has no web domain`);
  if (count("provincie") !== 12) problems.push(`${count("provincie")} provinces, expected 12`);
  if (count("waterschap") !== 21) problems.push(`${count("waterschap")} water boards, expected 21`);
  const from2022 = new Set(src.domains2022.map((r) => toDomain(r.name).domain));
  for (const name of from2022) if (!domains.has(name!)) problems.push(`2022 domain ${name} is missing`);
  if (problems.length > 0) throw new BuildError(`the Dutch register does not hold its promises:\n  ${problems.join("\n  ")}`);
  const all = [...domains.values()];
  return {
    counts: {
      "bodies in the Woo list": src.woo.length,
      "organisations (current)": current.length,
      "organisations (former, merged)": orgs.size - current.length,
      ...Object.fromEntries(["gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie", "gemeenschappelijke regeling", "other"].map((t) => [`current ${t}`, count(t)])),
      domains: all.length,
      "domains from the 2022 list": from2022.size,
      "domains with an organisation": all.filter((d) => d.links.size > 0).length,
      "domains without organisation": all.filter((d) => d.links.size === 0).length,
      "municipalities with a mail domain other than their web domain": municipalities.filter((m) => {
        const own = all.filter((d) => d.links.get(m.key) === "owner");
        return own.some((d) => d.purposes.has("mail") && !d.purposes.has("web"));
      }).length,
    },
    notes: {},
  };
}

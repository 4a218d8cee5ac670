// Plain-text renderings of import outcomes and register counts for the terminal.

import type { ImportSummary, RegisterCounts } from "../store/store.ts";

export function formatSummary(s: ImportSummary): string {
  const c = (x: { added: number; updated?: number; unchanged: number }) =>
    `${x.added} added${x.updated !== undefined ? `, ${x.updated} updated` : ""}, ${x.unchanged} unchanged`;
  return [
    `  organisations  ${c(s.organisations)}`,
    `  domains        ${c(s.domains)}`,
    `  links          ${c(s.links)}`,
    `  tags           ${s.tagsAdded} added`,
  ].join("\n");
}

export function formatCounts(c: RegisterCounts): string {
  const types = Object.entries(c.currentOrganisationsByType).sort((a, b) => b[1] - a[1]);
  const width = Math.max(0, ...types.map(([t]) => t.length));
  return [
    `organisations (current): ${types.reduce((n, [, v]) => n + v, 0)}`,
    ...types.map(([t, n]) => `  ${t.padEnd(width)}  ${n}`),
    ...(c.formerOrganisations > 0 ? [`organisations (former, e.g. merged): ${c.formerOrganisations}`] : []),
    `domains: ${c.domains} (web ${c.domainsByPurpose.web ?? 0}, mail ${c.domainsByPurpose.mail ?? 0}, both ${c.domainsByPurpose.both ?? 0}); ${c.unattachedDomains} without organisation${c.removedDomains > 0 ? `; ${c.removedDomains} removed` : ""}`,
    `links between them: ${c.links}`,
  ].join("\n");
}

// `--select EXPR`: which domains of the register a run measures. EXPR is a comma-separated list
// of KEY=VALUE terms that must all hold: type=gemeente, org=gm0014, tag=wdo, purpose=mail,
// domain=example.nl (repeat domain= for several). No --select: every domain in the register.

import { ORGANISATION_TYPES } from "../register/model.ts";
import type { DomainFilter } from "../store/store.ts";
import { DomainInputError, normaliseDomainInput } from "../scan/domain-input.ts";

export class SelectionError extends Error {}

export interface Selection {
  filter: DomainFilter;
  /** Only these domains (when domain= terms were given). */
  domains?: Set<string>;
  text: string;
}

const KEYS = ["type", "org", "tag", "purpose", "domain"] as const;

export function parseSelection(expr: string | undefined): Selection {
  const filter: DomainFilter = {};
  const selection: Selection = { filter, text: expr ?? "all" };
  if (expr === undefined || expr.trim() === "") return selection;
  for (const term of expr.split(",").map((t) => t.trim()).filter(Boolean)) {
    const m = /^([a-z]+)=(.+)$/.exec(term);
    if (!m || !(KEYS as readonly string[]).includes(m[1]!)) {
      throw new SelectionError(`bad --select term "${term}": use ${KEYS.map((k) => `${k}=...`).join(", ")}, joined by commas`);
    }
    const value = m[2]!.trim();
    const once = (key: keyof DomainFilter, v: string) => {
      if (filter[key] !== undefined && filter[key] !== v) throw new SelectionError(`--select names ${m[1]} twice`);
      (filter as Record<string, string>)[key] = v;
    };
    switch (m[1]) {
      case "type": {
        // The register keeps types in lower case with spaces ("gemeenschappelijke regeling").
        const type = value.toLowerCase().replace(/[_-]+/g, " ");
        if (!ORGANISATION_TYPES.includes(type)) throw new SelectionError(`--select type "${value}" is not an organisation type; known: ${ORGANISATION_TYPES.join(", ")}`);
        once("organisationType", type);
        break;
      }
      case "org": once("organisationKey", value.toLowerCase()); break;
      case "tag": once("tag", value.toLowerCase()); break;
      case "purpose": {
        const purpose = value.toLowerCase();
        if (!["web", "mail", "both"].includes(purpose)) throw new SelectionError(`--select purpose must be web, mail or both`);
        once("purpose", purpose);
        break;
      }
      case "domain":
        try {
          (selection.domains ??= new Set()).add(normaliseDomainInput(value));
        } catch (err) {
          if (err instanceof DomainInputError) throw new SelectionError(`--select ${err.message}`);
          throw err;
        }
        break;
    }
  }
  return selection;
}

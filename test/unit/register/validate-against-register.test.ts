// Validation that involves the register as stored: references to stored organisations, codes
// and owners already there, and a merger that ends a stored owner's period. The register here is
// a stub; the same lookups on real stores are tested in test/integration/store/.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "../../../src/register/import-problem.ts";
import { importRegisterBytes } from "../../../src/register/import-register.ts";
import { keyFromName } from "../../../src/register/parse-row.ts";
import type { ExistingOrganisation, ExistingOwner, RegisterStore } from "../../../src/store/store.ts";

function register(orgs: ExistingOrganisation[], owners: ExistingOwner[], codes: Record<string, string> = {}): RegisterStore {
  const notUsed = () => { throw new Error("not used by validation"); };
  return {
    existingOrganisations: async (keys) => new Map(orgs.filter((o) => keys.includes(o.key)).map((o) => [o.key, o])),
    existingOwners: async (domains) => owners.filter((o) => domains.includes(o.domain)),
    existingCodes: async (list) => new Map(list.map((c) => [`${c.scheme}:${c.code}`, codes[`${c.scheme}:${c.code}`]]).filter((e): e is [string, string] => e[1] !== undefined)),
    // Validation passed when a dry run reaches preview.
    preview: async () => ({ importId: null, organisations: { added: 0, updated: 0, unchanged: 0 }, domains: { added: 0, updated: 0, unchanged: 0 }, links: { added: 0, unchanged: 0 }, tagsAdded: 0 }),
    existingDomains: notUsed, apply: notUsed, organisations: notUsed, domains: notUsed, remove: notUsed, tag: notUsed, counts: notUsed, domainsAsOf: notUsed,
  };
}

const STORED = register(
  [{ key: "gm0501", name: "Gemeente Brielle", type: "gemeente", validFrom: null, validTo: null }],
  [{ domain: "brielle.nl", organisationKey: "gm0501", validFrom: null, validTo: null }],
  { "cbs:GM0501": "gm0501" },
);

async function validate(csv: string, reg = STORED): Promise<string[]> {
  const o = await importRegisterBytes(reg, new TextEncoder().encode(csv), "f.csv", { dryRun: true });
  return o.problems.map(formatProblem);
}

describe("validating against the stored register", () => {
  it("refuses a second owner of a stored domain, while both exist", async () => {
    assert.deepEqual(await validate("domain,organisation_id,organisation,role\nbrielle.nl,gm1992,Gemeente Voorne aan Zee,owner\n"), [
      "f.csv:2: role: domain \"brielle.nl\" would have two owners at the same time: \"gm1992\" and \"gm0501\" (already in the register); a domain has one owner at a time — make one link role \"related\", or end the former owner with valid_to",
    ]);
  });

  it("accepts it as related, or when the file ends the stored owner (a merger)", async () => {
    assert.deepEqual(await validate("domain,organisation_id,organisation,role\nbrielle.nl,gm1992,Gemeente Voorne aan Zee,related\n"), []);
    assert.deepEqual(await validate([
      "domain,organisation_id,organisation,valid_from,valid_to,merged_into",
      ",gm0501,,,2022-12-31,gm1992",
      "brielle.nl,gm1992,Gemeente Voorne aan Zee,2023-01-01,,",
    ].join("\n")), []);
  });

  it("accepts references to stored organisations and refuses unknown ones", async () => {
    assert.deepEqual(await validate("domain,organisation_id,organisation,parent\nx.example,sub,Sub,gm0501\ny.example,sub2,Sub 2,nowhere\nz.example,ghost,,\n"), [
      "f.csv:3: parent: no organisation \"nowhere\" in this file or in the register",
      "f.csv:4: organisation_id: organisation \"ghost\" is not in the register; give its name (organisation column)",
    ]);
  });

  it("refuses a code that belongs to another stored organisation", async () => {
    assert.deepEqual(await validate("domain,organisation_id,organisation,organisation_type,codes\nx.example,gm9999,Other,gemeente,cbs:GM0501\n"), [
      "f.csv:2: codes: cbs:GM0501 already belongs to \"gm0501\" in the register",
    ]);
  });

  it("checks a merger against the stored end date", async () => {
    assert.deepEqual(await validate("domain,organisation_id,merged_into\n,gm0501,gm1992\n", register(
      [{ key: "gm0501", name: "B", type: "gemeente", validFrom: null, validTo: "2022-12-31" }, { key: "gm1992", name: "V", type: "gemeente", validFrom: null, validTo: null }], [],
    )), []);
  });
});

describe("organisation ids from names", () => {
  it("are lower-case ASCII with hyphens", () => {
    assert.equal(keyFromName("Gemeente 's-Hertogenbosch"), "gemeente-s-hertogenbosch");
    assert.equal(keyFromName("Súdwest-Fryslân"), "sudwest-fryslan");
    assert.equal(keyFromName("Bureau’s Jeugdzorg"), "bureau-s-jeugdzorg");
  });
});

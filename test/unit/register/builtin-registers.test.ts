// The registers shipped in data/registers/ import without a single problem and hold what the
// issue promises: 342 municipalities, each with a CBS code from the boundaries file, 12
// provinces, 21 water boards, the 2,461 domains of the 2022 list; and the US .gov registry. When
// the public sources are present (../shared/data), the committed files must be exactly what
// scripts/build-register-data.ts derives from them.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { buildAll } from "../../../src/register/build/build-all.ts";
import { readSharedSources } from "../../../src/register/build/sources.ts";
import { builtinRegisterPath } from "../../../src/register/builtin-registers.ts";
import { importRegisterFile } from "../../../src/register/import-register.ts";

const dataDir = new URL("../../../data/registers/", import.meta.url).pathname;
const sharedData = new URL("../../../../shared/data/", import.meta.url).pathname;

describe("the builtin Dutch register", async () => {
  const outcome = await importRegisterFile(undefined, builtinRegisterPath("nl"));
  const orgs = outcome.changes?.organisations ?? [];
  const current = orgs.filter((o) => o.validTo === undefined);
  const cbsCodes = new Set(readFileSync(`${dataDir}nl/cbs-gemeenten-2025.csv`, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]));

  it("imports without problems", () => {
    assert.deepEqual(outcome.problems, []);
  });

  it("has 342 municipalities, each with a distinct CBS code from the 2025 boundaries file", () => {
    const municipalities = current.filter((o) => o.type === "gemeente");
    assert.equal(municipalities.length, 342);
    assert.equal(cbsCodes.size, 342);
    for (const m of municipalities) assert.ok(cbsCodes.has(m.codes?.cbs ?? ""), `${m.name}: ${m.codes?.cbs}`);
    assert.equal(new Set(municipalities.map((m) => m.codes!.cbs)).size, 342);
  });

  it("gives every municipality a web domain and a mail domain", () => {
    const links = outcome.changes!.links;
    const purpose = new Map(outcome.changes!.domains.map((d) => [d.name, d.purpose]));
    for (const m of current.filter((o) => o.type === "gemeente")) {
      const own = links.filter((l) => l.organisationKey === m.key && l.role === "owner").map((l) => purpose.get(l.domain));
      assert.ok(own.some((p) => p === "web" || p === "both"), `${m.name} has no web domain`);
      assert.ok(own.some((p) => p === "mail" || p === "both"), `${m.name} has no mail domain`);
    }
  });

  it("has the 12 provinces, 21 water boards and the ministries", () => {
    assert.equal(current.filter((o) => o.type === "provincie").length, 12);
    assert.equal(current.filter((o) => o.type === "waterschap").length, 21);
    assert.ok(current.filter((o) => o.type === "ministerie").some((o) => o.name === "Ministerie van Algemene Zaken"));
  });

  it("keeps the 2023 merger as history", () => {
    const brielle = orgs.find((o) => o.key === "gm0501")!;
    assert.deepEqual([brielle.validTo, brielle.mergedIntoKey], ["2022-12-31", "gm1992"]);
    assert.equal(orgs.find((o) => o.key === "gm1992")!.validFrom, "2023-01-01");
  });

  it("holds all 2,461 domains of the 2022 list", () => {
    assert.equal(outcome.changes!.domains.filter((d) => d.source?.includes("nl-government-domains-2022")).length, 2461);
  });
});

describe("the builtin US register", async () => {
  const outcome = await importRegisterFile(undefined, builtinRegisterPath("us"));

  it("imports without problems, through the type mapping in data/registers/us/mapping.json", () => {
    assert.deepEqual(outcome.problems, []);
    assert.equal(outcome.changes!.domains.length, 16539);
    const commerce = outcome.changes!.organisations.find((o) => o.key === "us:department-of-commerce")!;
    assert.equal(commerce.type, "ministerie");
    const bea = outcome.changes!.organisations.find((o) => o.key === "us:department-of-commerce/bureau-of-economic-analysis")!;
    assert.deepEqual([bea.type, bea.parentKey], ["uitvoeringsorganisatie", "us:department-of-commerce"]);
  });
});

describe("the derived files", () => {
  it("are what the public sources give today", { skip: existsSync(sharedData) ? false : `no ${sharedData} here` }, () => {
    for (const [path, content] of buildAll(readSharedSources(sharedData))) {
      assert.equal(readFileSync(`${dataDir}${path}`, "utf8"), content, `data/registers/${path} is stale: run node scripts/build-register-data.ts`);
    }
  });
});

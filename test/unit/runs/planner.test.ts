// Planning a run against a real (in-memory SQLite) store: each selected domain gets the test
// types its purpose calls for, --select narrows the register, planning again adds nothing, and
// pendingWork pages through the pending work in domain order while work is recorded under it.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { TestType } from "../../../src/checks/result.ts";
import type { Purpose, RegisterChangeSet } from "../../../src/register/model.ts";
import { pendingWork, planRun } from "../../../src/runs/planner.ts";
import { parseSelection } from "../../../src/runs/selection.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import type { Store } from "../../../src/store/store.ts";
import { collect } from "../../helpers/collect.ts";

const BOTH: readonly TestType[] = ["web", "mail"];
const AT = "2024-03-01T10:00:00.000Z";

async function importRegister(store: Store, changes: RegisterChangeSet): Promise<void> {
  await store.register.apply(changes, { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: changes.domains.length });
}

/**
 * The register the planning tests use (names sort in this order):
 *
 *   a-web.nl      web   owner gm0014 (gemeente)          tag wdo
 *   b-mail.nl     mail  owner gm0014 (gemeente)
 *   c-both.nl     both  owner pv20 (provincie)           tag wdo
 *   d-both.nl     both  owner gm0014, related ws01
 *   e-mail.nl     mail  owner ws01 (waterschap)          tag wdo
 *   f-web.nl      web   no organisation
 *   g-removed.nl  both  owner gm0014, tag wdo, removed from the register
 */
const REGISTER: RegisterChangeSet = {
  organisations: [
    { key: "gm0014", name: "Gemeente Groningen", type: "gemeente" },
    { key: "pv20", name: "Provincie Groningen", type: "provincie" },
    { key: "ws01", name: "Waterschap Noorderzijlvest", type: "waterschap" },
  ],
  domains: [
    { name: "a-web.nl", purpose: "web", tags: ["wdo"] },
    { name: "b-mail.nl", purpose: "mail", tags: [] },
    { name: "c-both.nl", purpose: "both", tags: ["wdo"] },
    { name: "d-both.nl", purpose: "both", tags: [] },
    { name: "e-mail.nl", purpose: "mail", tags: ["wdo"] },
    { name: "f-web.nl", purpose: "web", tags: [] },
    { name: "g-removed.nl", purpose: "both", tags: ["wdo"] },
  ],
  links: [
    { organisationKey: "gm0014", domain: "a-web.nl", role: "owner" },
    { organisationKey: "gm0014", domain: "b-mail.nl", role: "owner" },
    { organisationKey: "pv20", domain: "c-both.nl", role: "owner" },
    { organisationKey: "gm0014", domain: "d-both.nl", role: "owner" },
    { organisationKey: "ws01", domain: "d-both.nl", role: "related" },
    { organisationKey: "ws01", domain: "e-mail.nl", role: "owner" },
    { organisationKey: "gm0014", domain: "g-removed.nl", role: "owner" },
  ],
};

/** Every (domain, type) the run has pending, as "domain type" lines in domain order. */
async function pendingLines(store: Store, runId: number): Promise<string[]> {
  const items = await store.runs.pending(runId, { limit: 10_000 });
  return items.flatMap((i) => [...i.types].sort().map((t) => `${i.domain} ${t}`));
}

/** A minimal scan of `domain` for `types`: one passed test each. */
function scan(domain: string, types: readonly TestType[]): DomainScan {
  return {
    domain,
    evidence: { domain },
    results: types.map((type) => ({ domain, type, score: null, tests: { t: { status: "passed", verdict: "ok", reason: "ok", details: {} } } })),
  };
}

let store: Store;

beforeEach(async () => {
  store = await openStore(":memory:");
});

afterEach(async () => {
  await store.close();
});

describe("planRun", () => {
  beforeEach(async () => {
    await importRegister(store, REGISTER);
    await store.register.remove(["g-removed.nl"]);
  });

  /** Plans a new run for `select` and `types`; returns the count planRun gave and the items. */
  async function plan(select: string | undefined, types: readonly TestType[] = BOTH): Promise<{ planned: number; items: string[]; runId: number }> {
    const run = await store.runs.create({ requestedBy: "test", testTypes: [...types] });
    const planned = await planRun(store, run.id, parseSelection(select), types);
    const items = await pendingLines(store, run.id);
    assert.equal(planned, items.length, "planRun returns the number of (domain, type) items it added");
    assert.deepEqual(await store.runs.progress(run.id), { planned, done: 0, pending: planned });
    return { planned, items, runId: run.id };
  }

  describe("the test types follow each domain's purpose", () => {
    it("web and mail: web domains get web, mail domains mail, both-domains both; removed domains nothing", async () => {
      assert.deepEqual((await plan(undefined, ["web", "mail"])).items, [
        "a-web.nl web",
        "b-mail.nl mail",
        "c-both.nl mail", "c-both.nl web",
        "d-both.nl mail", "d-both.nl web",
        "e-mail.nl mail",
        "f-web.nl web",
      ]);
    });

    it("the order the types are given in does not matter", async () => {
      assert.deepEqual((await plan(undefined, ["mail", "web"])).items, (await plan(undefined, ["web", "mail"])).items);
    });

    it("web only: mail-only domains are left out", async () => {
      assert.deepEqual((await plan(undefined, ["web"])).items, ["a-web.nl web", "c-both.nl web", "d-both.nl web", "f-web.nl web"]);
    });

    it("mail only: web-only domains are left out", async () => {
      assert.deepEqual((await plan(undefined, ["mail"])).items, ["b-mail.nl mail", "c-both.nl mail", "d-both.nl mail", "e-mail.nl mail"]);
    });

    it("no test types: nothing", async () => {
      assert.equal((await plan(undefined, [])).planned, 0);
    });

    it("an empty register: nothing, and no error", async () => {
      const empty = await openStore(":memory:");
      try {
        const run = await empty.runs.create({ requestedBy: "test", testTypes: [...BOTH] });
        assert.equal(await planRun(empty, run.id, parseSelection(undefined), BOTH), 0);
        assert.deepEqual(await collect(pendingWork(empty, run.id, 3)), []);
      } finally {
        await empty.close();
      }
    });
  });

  describe("--select narrows what is planned", () => {
    const cases: { select: string; types?: readonly TestType[]; items: string[] }[] = [
      { select: "purpose=web", items: ["a-web.nl web", "f-web.nl web"] },
      { select: "purpose=mail", items: ["b-mail.nl mail", "e-mail.nl mail"] },
      { select: "purpose=both", items: ["c-both.nl mail", "c-both.nl web", "d-both.nl mail", "d-both.nl web"] },
      { select: "purpose=both", types: ["mail"], items: ["c-both.nl mail", "d-both.nl mail"] },
      { select: "purpose=web", types: ["mail"], items: [] },
      { select: "purpose=mail", types: ["web"], items: [] },
      { select: "type=gemeente", items: ["a-web.nl web", "b-mail.nl mail", "d-both.nl mail", "d-both.nl web"] },
      { select: "type=provincie", items: ["c-both.nl mail", "c-both.nl web"] },
      { select: "type=waterschap", types: ["web"], items: ["d-both.nl web"] },
      { select: "type=ministerie", items: [] },
      { select: "org=gm0014", items: ["a-web.nl web", "b-mail.nl mail", "d-both.nl mail", "d-both.nl web"] },
      { select: "org=GM0014", items: ["a-web.nl web", "b-mail.nl mail", "d-both.nl mail", "d-both.nl web"] },
      { select: "org=ws01", items: ["d-both.nl mail", "d-both.nl web", "e-mail.nl mail"] },
      { select: "org=nobody", items: [] },
      { select: "tag=wdo", items: ["a-web.nl web", "c-both.nl mail", "c-both.nl web", "e-mail.nl mail"] },
      { select: "tag=wdo", types: ["web"], items: ["a-web.nl web", "c-both.nl web"] },
      { select: "tag=none", items: [] },
      { select: "domain=c-both.nl", items: ["c-both.nl mail", "c-both.nl web"] },
      { select: "domain=B-Mail.NL.,domain=f-web.nl", items: ["b-mail.nl mail", "f-web.nl web"] },
      { select: "domain=b-mail.nl,domain=f-web.nl", types: ["mail"], items: ["b-mail.nl mail"] },
      { select: "domain=not-registered.nl", items: [] },
      { select: "domain=g-removed.nl", items: [] },
      { select: "tag=wdo,purpose=both", items: ["c-both.nl mail", "c-both.nl web"] },
      { select: "type=gemeente,tag=wdo", items: ["a-web.nl web"] },
      { select: "org=gm0014,purpose=mail", items: ["b-mail.nl mail"] },
      { select: "type=gemeente,domain=c-both.nl", items: [] },
      { select: "type=gemeente,domain=c-both.nl,domain=d-both.nl", types: ["web"], items: ["d-both.nl web"] },
    ];
    for (const c of cases) {
      it(`${c.select}${c.types ? ` (${c.types.join(", ")})` : ""}`, async () => {
        assert.deepEqual((await plan(c.select, c.types)).items, c.items);
      });
    }
  });

  describe("re-planning is harmless", () => {
    it("planning the same selection again adds nothing", async () => {
      const { runId, items, planned } = await plan(undefined);
      assert.equal(planned, 8);
      assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 0);
      assert.deepEqual(await pendingLines(store, runId), items);
      assert.deepEqual(await store.runs.progress(runId), { planned: 8, done: 0, pending: 8 });
    });

    it("re-planning after work was recorded leaves it done (as a resume does)", async () => {
      const { runId } = await plan(undefined);
      await store.runs.record(runId, [scan("c-both.nl", ["web", "mail"]), scan("a-web.nl", ["web"])], AT);
      assert.deepEqual(await store.runs.progress(runId), { planned: 8, done: 3, pending: 5 });
      assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 0);
      assert.deepEqual(await store.runs.progress(runId), { planned: 8, done: 3, pending: 5 });
      assert.deepEqual(await pendingLines(store, runId), ["b-mail.nl mail", "d-both.nl mail", "d-both.nl web", "e-mail.nl mail", "f-web.nl web"]);
    });

    it("a wider selection afterwards adds only what was not yet planned", async () => {
      const { runId, planned } = await plan("tag=wdo");
      assert.equal(planned, 4);
      assert.equal(await planRun(store, runId, parseSelection("purpose=both"), BOTH), 2, "d-both.nl web and mail");
      assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 2, "b-mail.nl mail and f-web.nl web");
      assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 0);
      assert.equal((await store.runs.progress(runId)).planned, 8);
    });

    it("a run planned for web only can take mail later, without doubling web", async () => {
      const { runId } = await plan(undefined, ["web"]);
      assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 4, "the mail items of b, c, d and e");
      assert.equal((await store.runs.progress(runId)).planned, 8);
    });
  });
});

describe("pendingWork", () => {
  // Eleven domains (more than three pages of three), purposes web, mail and both in turn.
  const PURPOSES: Purpose[] = ["both", "web", "mail"];
  const NAMES = Array.from({ length: 11 }, (_, i) => `d${String(i).padStart(2, "0")}.nl`);
  const TYPES_OF = (i: number): TestType[] => ({ both: ["mail", "web"], web: ["web"], mail: ["mail"] } as const)[PURPOSES[i % 3]!].slice();

  let runId: number;
  /** Every store.runs.pending call pendingWork made. */
  let calls: { limit?: number; afterDomain?: string }[];
  /** The store with store.runs.pending watched. */
  let watched: Store;

  beforeEach(async () => {
    await importRegister(store, { organisations: [], domains: NAMES.map((name, i) => ({ name, purpose: PURPOSES[i % 3]!, tags: [] })), links: [] });
    const run = await store.runs.create({ requestedBy: "test", testTypes: [...BOTH] });
    runId = run.id;
    assert.equal(await planRun(store, runId, parseSelection(undefined), BOTH), 15);
    calls = [];
    watched = { ...store, runs: { ...store.runs, pending: (id, options) => { calls.push({ ...options }); return store.runs.pending(id, options); } } };
  });

  it("pages through every domain once, in domain order, with its pending types", async () => {
    const work = await collect(pendingWork(watched, runId, 3));
    assert.deepEqual(work.map((w) => w.domain), NAMES);
    assert.deepEqual(work.map((w) => [...w.types].sort()), NAMES.map((_, i) => TYPES_OF(i)));
    assert.equal(new Set(work.map((w) => w.domainId)).size, NAMES.length, "each domain has its own id");
    assert.ok(calls.every((c) => c.limit === 3), "every page asks for the page size");
    assert.deepEqual(calls.map((c) => c.afterDomain), [undefined, "d02.nl", "d05.nl", "d08.nl", "d10.nl"], "each page starts after the last domain of the one before");
  });

  it("the default page size takes everything in one page", async () => {
    const work = await collect(pendingWork(watched, runId));
    assert.deepEqual(work.map((w) => w.domain), NAMES);
    assert.equal(calls.length, 2, "one full page and the empty one that ends it");
  });

  it("recording each domain as it comes (as the executor does) loses none on later pages", async () => {
    const seen: string[] = [];
    for await (const w of pendingWork(watched, runId, 3)) {
      seen.push(w.domain);
      await store.runs.record(runId, [scan(w.domain, w.types)], AT);
    }
    assert.deepEqual(seen, NAMES);
    assert.deepEqual(await store.runs.progress(runId), { planned: 15, done: 15, pending: 0 });
  });

  it("recording a page's domains only after the whole page loses none either", async () => {
    const seen: string[] = [];
    let page: DomainScan[] = [];
    for await (const w of pendingWork(watched, runId, 3)) {
      seen.push(w.domain);
      page.push(scan(w.domain, w.types));
      if (page.length === 3) {
        await store.runs.record(runId, page, AT);
        page = [];
      }
    }
    assert.deepEqual(seen, NAMES);
  });

  it("domains recorded elsewhere before their page is read are not handed out again", async () => {
    const seen: string[] = [];
    for await (const w of pendingWork(watched, runId, 3)) {
      seen.push(w.domain);
      // After the first domain, another worker records d04 (page two) and d09 (page four).
      if (w.domain === "d00.nl") await store.runs.record(runId, [scan("d04.nl", TYPES_OF(4)), scan("d09.nl", TYPES_OF(9))], AT);
    }
    assert.deepEqual(seen, NAMES.filter((n) => n !== "d04.nl" && n !== "d09.nl"));
  });

  it("a domain with only some of its types recorded comes with the rest", async () => {
    await store.runs.record(runId, [scan("d03.nl", ["web"])], AT); // d03 is a both-domain
    const work = await collect(pendingWork(watched, runId, 3));
    assert.deepEqual(work.map((w) => w.domain), NAMES);
    assert.deepEqual(work.find((w) => w.domain === "d03.nl")!.types, ["mail"]);
  });

  it("a run with everything recorded has no pending work", async () => {
    await store.runs.record(runId, NAMES.map((n, i) => scan(n, TYPES_OF(i))), AT);
    assert.deepEqual(await collect(pendingWork(watched, runId, 3)), []);
    assert.equal(calls.length, 1);
  });

  it("page sizes of 1 and of exactly the domain count also see everything once", async () => {
    for (const size of [1, 2, NAMES.length, NAMES.length + 1]) {
      assert.deepEqual((await collect(pendingWork(store, runId, size))).map((w) => w.domain), NAMES, `page size ${size}`);
    }
  });
});

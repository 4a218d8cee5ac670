// `meetlat register …` as a user runs it, against both engines (the store chosen through
// MEETLAT_DATABASE, as a deployment would).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { STORE_ENGINES } from "./store-engines.ts";

const bin = new URL("../../../bin/meetlat.js", import.meta.url).pathname;
const fixture = (name: string) => new URL(`../../fixtures/register/${name}`, import.meta.url).pathname;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function meetlat(args: string[], database: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, MEETLAT_DATABASE: database } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

for (const engine of STORE_ENGINES) {
  describe(`meetlat register (${engine.name})`, { skip: engine.skip }, () => {
    it("imports the builtin Dutch register and reports its counts; lists, adds, tags and removes", async () => {
      const t = await engine.open();
      await t.store.close(); // the CLI opens the store itself
      const db = t.location;
      try {
        const imported = await meetlat(["register", "import", "--builtin", "nl"], db);
        assert.equal(imported.code, 0, imported.stderr);
        assert.match(imported.stdout, /^data\/registers\/nl\/register\.csv: 2810 rows \(csv\) — imported into /);
        assert.match(imported.stdout, /organisations {2}654 added, 0 updated, 0 unchanged/);
        assert.match(imported.stdout, /\n {2}gemeente +342\n/);
        assert.match(imported.stdout, /\n {2}provincie +12\n/);
        assert.match(imported.stdout, /\n {2}waterschap +21\n/);

        const summary = await meetlat(["register", "list", "--summary", "--json"], db);
        assert.equal(JSON.parse(summary.stdout).currentOrganisationsByType.gemeente, 342);

        const groningen = await meetlat(["register", "list", "--organisation", "gm0014"], db);
        assert.deepEqual(groningen.stdout.trim().split("\n").map((l) => l.split("\t")[0]), ["gemeente.groningen.nl", "groningen.nl", "milieudienst.groningen.nl"]);

        const orgs = await meetlat(["register", "list", "--type", "provincie", "--json"], db);
        assert.equal(orgs.stdout.trim().split("\n").length, 12);

        const added = await meetlat(["register", "add", "nieuw.groningen.nl", "Bücher.Example", "--organisation", "gm0014", "--purpose", "web", "--tag", "pilot"], db);
        assert.equal(added.code, 0, added.stderr);
        assert.match(added.stdout, /domains {8}2 added/);
        const tagged = await meetlat(["register", "list", "--tag", "pilot"], db);
        assert.deepEqual(tagged.stdout.trim().split("\n").map((l) => l.split("\t").slice(0, 4)), [
          ["nieuw.groningen.nl", "web", "gm0014", "pilot"], ["xn--bcher-kva.example", "web", "gm0014", "pilot"],
        ]);

        const badAdd = await meetlat(["register", "add", "not a domain", "--organisation", "no-such-org"], db);
        assert.equal(badAdd.code, 3);
        assert.match(badAdd.stderr, /^argument:1: domain: invalid domain name/m);
        assert.match(badAdd.stderr, /^argument:1: organisation_id: organisation "no-such-org" is not in the register/m);

        assert.equal((await meetlat(["register", "tag", "nieuw.groningen.nl", "--remove", "pilot", "--add", "test"], db)).code, 0);
        const removed = await meetlat(["register", "remove", "nieuw.groningen.nl", "bücher.example"], db);
        assert.equal(removed.code, 0, removed.stderr);
        assert.equal((await meetlat(["register", "list", "--tag", "pilot"], db)).stdout, "");
        assert.match((await meetlat(["register", "list", "--tag", "test", "--all"], db)).stdout, /^nieuw\.groningen\.nl\t.*\tremoved /);
      } finally {
        await t.dispose();
      }
    });

    it("lets several processes write at the same time", async () => {
      const t = await engine.open();
      await t.store.close();
      try {
        const runs = await Promise.all([1, 2, 3, 4].map((i) => meetlat(["register", "add", `a${i}.example`, `b${i}.example`, "--tag", `p${i}`], t.location)));
        runs.forEach((r) => assert.equal(r.code, 0, r.stderr));
        const listed = await meetlat(["register", "list", "--domains"], t.location);
        assert.equal(listed.stdout.trim().split("\n").length, 8);
      } finally {
        await t.dispose();
      }
    });

    it("refuses a bad file with every problem, exit code 3, and changes nothing; --dry-run writes nothing", async () => {
      const t = await engine.open();
      await t.store.close();
      try {
        const bad = await meetlat(["register", "import", fixture("many-problems.csv")], t.location);
        assert.equal(bad.code, 3);
        const lines = bad.stderr.trim().split("\n");
        assert.equal(lines.length, 10);
        assert.match(lines[0]!, /many-problems\.csv:2: codes: "PV20" is not a cbs code for a gemeente/);
        assert.equal(lines.at(-1), "9 problems; nothing was imported");

        const dry = await meetlat(["register", "import", fixture("good.csv"), "--dry-run"], t.location);
        assert.equal(dry.code, 0, dry.stderr);
        assert.match(dry.stdout, /dry run, nothing written; importing would change/);
        const json = await meetlat(["register", "list", "--summary", "--json"], t.location);
        assert.equal(JSON.parse(json.stdout).domains, 0);

        const asJson = await meetlat(["register", "import", fixture("two-owners.csv"), "--json"], t.location);
        const outcome = JSON.parse(asJson.stdout);
        assert.equal(asJson.code, 3);
        assert.deepEqual([outcome.ok, outcome.totalProblems, outcome.problems[0].line, outcome.problems[0].field], [false, 1, 3, "role"]);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe("meetlat register usage", () => {
  const dir = mkdtempSync(join(tmpdir(), "meetlat-cli-"));
  const db = join(dir, "none.sqlite");

  it("explains itself and refuses wrong calls with exit code 2", async () => {
    assert.equal((await meetlat(["register", "--help"], db)).code, 0);
    assert.equal((await meetlat(["register", "import", "--help"], db)).code, 0);
    const wrong = [["register"], ["register", "frobnicate"], ["register", "import"], ["register", "import", "x.csv", "--format", "ods"],
      ["register", "import", "--builtin", "fr"], ["register", "add"], ["register", "import", fixture("good.csv"), "--database", "mysql://h/db"]];
    const ran = await Promise.all(wrong.map((args) => meetlat(args, db)));
    ran.forEach((r, i) => assert.equal(r.code, 2, `${wrong[i]!.join(" ")}: ${r.stderr}`));
  });

  it("does not create an empty register just to list it", async () => {
    const r = await meetlat(["register", "list"], db);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no register at .*none\.sqlite: import one first/);
    rmSync(dir, { recursive: true, force: true });
  });
});

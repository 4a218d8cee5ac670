// `meetlat explain` end to end on a temporary SQLite file: explain a stored finding, list (in
// force, --all, --json), revoke, and the usage errors (exit code 2, one line, nothing stored).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import type { Explanation } from "../../../src/profiles/explanation.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";

function result(status: TestResult["status"], verdict: string): TestResult {
  return { status, verdict, reason: `${verdict} seen`, details: {} };
}

function scan(domain: string, dnssecValid: TestResult): DomainScan {
  return {
    domain,
    evidence: { domain, webHost: { host: domain, ipv4: ["192.0.2.1"], ipv6: [], ignoredMappedIpv6: [], cnameChain: [] } },
    results: [{ domain, type: "web", score: 40, tests: { web_dnssec_exist: result("passed", "signed"), web_dnssec_valid: dnssecValid } }],
  };
}

/** A UTC day `days` from today, as the command computes "today". */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe("meetlat explain", () => {
  let dir: string;
  let database: string;
  const meetlat = (...args: string[]) => runMeetlat([...args, "--database", database]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "meetlat-explain-"));
    database = join(dir, "store.sqlite");
    const store = await openStore(database);
    try {
      await store.register.apply({ organisations: [], domains: ["bad.example", "good.example", "new.example"].map((name) => ({ name, tags: [] })), links: [] },
        { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: 3 });
      const run = await store.runs.create({ requestedBy: "test", testTypes: ["web"] });
      await store.runs.record(run.id, [scan("bad.example", result("failed", "bogus")), scan("good.example", result("passed", "secure"))]);
      await store.runs.finish(run.id);
    } finally {
      await store.close();
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("explains a finding, lists it, revokes it and keeps it as history", async () => {
    const until = day(30);
    const added = await meetlat("explain", "BAD.example.", "web_dnssec_valid", "--reason", "new signer goes live next month", "--until", until, "--by", "alice");
    assert.equal(added.code, 0, added.stderr);
    const id = Number(/^explanation (\d+): bad\.example web_dnssec_valid \(failed, bogus\)\n/.exec(added.stdout)?.[1]);
    assert.ok(id > 0, added.stdout);
    assert.match(added.stdout, /reason: new signer goes live next month\n/);
    assert.match(added.stdout, new RegExp(`until ${until} \\(inclusive\\), by alice`));

    // --by defaults to $USER.
    const second = await meetlat("explain", "bad.example", "web_dnssec_valid", "--reason", "short", "--until", day(1));
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`, by ${process.env.USER || "unknown"},`));
    const secondId = Number(/^explanation (\d+)/.exec(second.stdout)?.[1]);

    const listed = await meetlat("explain", "list");
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^id +domain +test +finding +until +by +reason$/);
    assert.deepEqual(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 5)), [
      [String(secondId), "bad.example", "web_dnssec_valid", "failed/bogus", day(1)],
      [String(id), "bad.example", "web_dnssec_valid", "failed/bogus", until],
    ]);

    const revoked = await meetlat("explain", "revoke", String(id), "--by", "bob");
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /\n {2}revoked \S+ by bob\n$/);

    const current = await meetlat("explain", "list", "bad.example", "--json");
    assert.deepEqual((JSON.parse(current.stdout) as Explanation[]).map((e) => e.id), [secondId]);
    const all = await meetlat("explain", "list", "--all", "--json");
    const history = JSON.parse(all.stdout) as (Explanation & { state: string })[];
    assert.deepEqual(history.map((e) => [e.id, e.state, e.by, e.revokedBy]), [[secondId, "active", process.env.USER || "unknown", null], [id, "revoked", "alice", "bob"]]);
    assert.deepEqual(history[1]!.finding, { status: "failed", verdict: "bogus" });
    const table = await meetlat("explain", "list", "--all");
    assert.match(table.stdout, /^id +domain +test +finding +until +by +state +reason\n/);
    assert.match(table.stdout, new RegExp(`\\n *${id} +bad\\.example .* revoked +new signer goes live next month\\n`));

    const none = await meetlat("explain", "list", "good.example");
    assert.equal(none.code, 0);
    assert.match(none.stdout, /^no current explanations for good\.example/);
  });

  it("refuses bad input with exit code 2 and one clear line, storing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["explain", "bad.example", "web_dnssec_valid", "--until", day(5)], /--reason TEXT is required/],
      [["explain", "bad.example", "web_dnssec_valid", "--reason", "x"], /--until DATE is required/],
      [["explain", "bad.example", "--reason", "x", "--until", day(5)], /give DOMAIN and TEST/],
      [["explain", "bad.example", "web_dnssec_valid", "--reason", "x", "--until", "2000-01-01"], /until 2000-01-01 is in the past/],
      [["explain", "bad.example", "web_dnssec_valid", "--reason", "x", "--until", "next week"], /"next week" is not a date/],
      [["explain", "bad.example", "web_dnssec_valid", "--reason", " ", "--until", day(5)], /the reason is empty/],
      [["explain", "good.example", "web_dnssec_valid", "--reason", "x", "--until", day(5)], /passed for good\.example \(secure\): there is nothing to explain/],
      [["explain", "new.example", "web_dnssec_valid", "--reason", "x", "--until", day(5)], /no stored result of web_dnssec_valid for new\.example/],
      [["explain", "nowhere.example", "web_dnssec_valid", "--reason", "x", "--until", day(5)], /nowhere\.example is not in the register/],
      [["explain", "bad.example", "web_tls_magic", "--reason", "x", "--until", day(5)], /unknown test "web_tls_magic"/],
      [["explain", "https://bad.example/", "web_dnssec_valid", "--reason", "x", "--until", day(5)], /is not a domain name/],
      [["explain", "list", "nowhere.example"], /nowhere\.example is not in the register/],
      [["explain", "list", "--reason", "x"], /Unknown option '--reason'/],
      [["explain", "revoke", "abc"], /"abc" is not an explanation id/],
      [["explain", "revoke", "99999"], /there is no explanation 99999/],
    ];
    const countBefore = (JSON.parse((await meetlat("explain", "list", "--all", "--json")).stdout) as Explanation[]).length;
    for (const [args, message] of cases) {
      const r = await meetlat(...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "", args.join(" "));
      assert.match(r.stderr, /^meetlat explain: /, args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    }
    assert.equal((JSON.parse((await meetlat("explain", "list", "--all", "--json")).stdout) as Explanation[]).length, countBefore);
  });

  it("revoking twice is a usage error; --help shows every form", async () => {
    const added = await meetlat("explain", "bad.example", "web_dnssec_valid", "--reason", "temporary", "--until", day(3));
    const id = /^explanation (\d+)/.exec(added.stdout)?.[1];
    assert.ok(id, added.stderr);
    assert.equal((await meetlat("explain", "revoke", id)).code, 0);
    const again = await meetlat("explain", "revoke", id);
    assert.equal(again.code, 2);
    assert.match(again.stderr, new RegExp(`explanation ${id} was already revoked`));

    const help = await runMeetlat(["explain", "--help"]);
    assert.equal(help.code, 0);
    for (const form of ["meetlat explain DOMAIN TEST --reason TEXT --until DATE", "meetlat explain list [DOMAIN] [--all] [--json]", "meetlat explain revoke ID [--by NAME]"]) {
      assert.ok(help.stdout.includes(form), form);
    }
    assert.match((await runMeetlat(["explain", "list", "--help"])).stdout, /--all +include revoked and expired/);
    assert.match((await runMeetlat(["--help"])).stdout, /\n {2}explain +comply or explain/);
  });
});

// The command line contract: exit codes, usage errors (a bad environment setting among them),
// one JSON document, and that a refused or silent resolver gives `error` results rather than a
// crash.

import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";

const meetlat = runMeetlat;

describe("meetlat command line", () => {
  it("--version and --help", async () => {
    const v = await meetlat(["--version"]);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const h = await meetlat(["scan", "--help"]);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--trust-anchor FILE/);
  });

  it("usage errors exit 2 with one clear line and scan nothing", async () => {
    for (const args of [["scan"], ["scan", "https://example.nl/"], ["scan", "--bogus-flag", "x.nl"], ["scan", "--trust-anchor", "/nonexistent/anchor", "--resolver", "127.0.0.1:9", "x.nl"], ["nonsense"]]) {
      const r = await meetlat(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.ok(r.stderr.length > 0);
    }
  });

  it("a MEETLAT_BACKGROUND_THREADS that names no mode is a usage error, before anything is opened", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-cli-"));
    try {
      const database = join(dir, "store.sqlite");
      const r = await meetlat(["run", "--database", database], { env: { MEETLAT_BACKGROUND_THREADS: "nice" } });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, 'meetlat run: MEETLAT_BACKGROUND_THREADS="nice" is none of idle, niced, normal\n');
      assert.equal(existsSync(database), false, "no store was created");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a resolver that never answers gives error results, exit 0, and one JSON document", async () => {
    const silent = createSocket("udp4");
    await new Promise<void>((res) => silent.bind(0, "127.0.0.1", res));
    silent.on("message", () => { /* never answer */ });
    try {
      const port = (silent.address() as AddressInfo).port;
      const r = await meetlat(["scan", "--json", "--web", "--resolver", `127.0.0.1:${port}`, "example.nl"]);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { results: { tests: Record<string, { status: string; reason: string }> }[] };
      assert.equal(doc.results.length, 1);
      for (const [id, t] of Object.entries(doc.results[0]!.tests)) assert.equal(t.status, "error", `${id}: ${t.reason}`);
    } finally {
      silent.close();
    }
  });
});

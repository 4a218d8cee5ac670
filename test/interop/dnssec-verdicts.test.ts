// DNSSEC interop: the same signed zones, served by a real authoritative server (knotd from
// Debian's packages) and signed by Debian's tools (dnssec-signzone, ldns-signzone), judged by a
// real validator (unbound, with the test root's DS as its only trust anchor) and by meetlat's
// own validating stub (asking that unbound with CD=1). For every scenario meetlat's
// secure/insecure/bogus verdict must equal unbound's, and unbound's must be the one the
// scenario was built for. delv (bind9) is asked as well and shown, as a second opinion.
//
// Everything listens in one 127.53.X.0/24 picked per run (peers/network.ts); nothing is sent
// anywhere else.
// Peers missing: the suite fails under CI (process.env.CI) and is skipped otherwise.
// Set MEETLAT_INTEROP_KEEP=1 to keep the zones, configs and logs in the temp directory.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { locatePeerBinaries, startInteropNetwork } from "./peers/network.ts";
import type { InteropNetwork } from "./peers/network.ts";
import { resolverVerdict } from "./peers/unbound.ts";
import type { ResolverVerdict } from "./peers/unbound.ts";
import { delvVerdict } from "./peers/delv.ts";
import type { DelvVerdict } from "./peers/delv.ts";
import { createMeetlatSide } from "./peers/meetlat.ts";
import type { MeetlatSide, MeetlatVerdict } from "./peers/meetlat.ts";
import { SCENARIOS } from "./zones/scenarios.ts";
import type { Scenario, ScenarioQuery } from "./zones/scenarios.ts";
import { rcodeName, typeNumber } from "../../src/dns/rr-types.ts";

const located = locatePeerBinaries();
const missingMessage = `interop peers not installed: ${located.missing.join(", ")}; run test/interop/setup/install-peers.sh`;

interface Row {
  scenario: string;
  query: ScenarioQuery;
  unbound: ResolverVerdict;
  delv?: DelvVerdict;
  meetlat: MeetlatVerdict;
}

const rows: Row[] = [];

function edeText(ede: readonly { code: number; text: string }[] | { code: number; text: string } | undefined): string {
  const list = ede === undefined ? [] : Array.isArray(ede) ? ede : [ede];
  return list.length === 0 ? "-" : list.map((e) => `EDE ${e.code}${e.text ? ` (${e.text})` : ""}`).join("; ");
}

function describeRow(r: Row): string {
  const q = `${r.query.name} ${r.query.type}`;
  return [
    `  query:    ${q} (built to be ${r.query.expect}${r.query.rcode ? `, ${r.query.rcode}` : ""})`,
    `  unbound:  ${r.unbound.verdict}, ${rcodeName(r.unbound.rcode)}, ${edeText(r.unbound.ede)}`,
    ...(r.delv ? [`  delv:     ${r.delv.verdict}: ${r.delv.detail}`] : []),
    `  meetlat:  ${r.meetlat.security}: ${r.meetlat.reason}${r.meetlat.ede ? ` [${edeText(r.meetlat.ede)}]` : ""}`,
  ].join("\n");
}

/** The problems with one row, as readable lines (none when all agree). */
function problems(sc: Scenario, r: Row): string[] {
  const out: string[] = [];
  if (r.unbound.verdict !== r.query.expect) {
    out.push(`unbound says ${r.unbound.verdict}, but the scenario was built to be ${r.query.expect}: the zone is not broken (or not intact) as intended`);
  }
  if (r.query.rcode && rcodeName(r.unbound.rcode) !== r.query.rcode && r.unbound.verdict !== "bogus") {
    out.push(`unbound answered ${rcodeName(r.unbound.rcode)}, the scenario expects ${r.query.rcode}`);
  }
  const wanted = sc.meetlatDiffers ? sc.meetlatDiffers.verdict : r.unbound.verdict;
  if (r.meetlat.security !== wanted) {
    out.push(
      sc.meetlatDiffers
        ? `meetlat says ${r.meetlat.security}; it is meant to differ from unbound here with ${wanted} (${sc.meetlatDiffers.why})`
        : `meetlat says ${r.meetlat.security}, unbound says ${r.unbound.verdict}`,
    );
  }
  return out;
}

function table(): string {
  const head = ["scenario", "query", "expected", "unbound", "unbound EDE", "delv", "meetlat", "meetlat EDE"];
  const body = rows.map((r) => [
    r.scenario,
    `${r.query.name} ${r.query.type}`,
    r.query.expect,
    `${r.unbound.verdict} ${rcodeName(r.unbound.rcode)}`,
    r.unbound.ede.map((e) => String(e.code)).join(",") || "-",
    r.delv?.verdict ?? "n/a",
    r.meetlat.security,
    r.meetlat.ede ? String(r.meetlat.ede.code) : "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

it("the interop peers (knotd, unbound, bind9's signer, ldns-signzone) are installed", { skip: located.binaries || process.env.CI ? false : missingMessage }, () => {
  assert.ok(located.binaries, missingMessage);
});

describe("DNSSEC verdicts: meetlat against unbound, on zones signed and served by Debian's tools", { skip: located.binaries || process.env.CI ? false : missingMessage }, () => {
  let net: InteropNetwork | undefined;
  let meetlat: MeetlatSide | undefined;

  before(async () => {
    if (!located.binaries) throw new Error(missingMessage); // only reached under CI
    net = await startInteropNetwork(located.binaries);
    meetlat = createMeetlatSide(net.resolver, net.tree.rootDs);
  }, { timeout: 120_000 });

  after(async () => {
    await net?.stop();
    if (rows.length > 0) {
      const report = table();
      console.log(`\nDNSSEC interop verdicts (peers on ${net?.addresses.root ?? "?"}-3 and ${net?.addresses.resolver ?? "?"}; zones built in ${Math.round(net?.timings.buildMs ?? 0)} ms, peers started in ${Math.round(net?.timings.startMs ?? 0)} ms):\n${report}\n`);
      if (process.env.MEETLAT_INTEROP_REPORT) writeFileSync(process.env.MEETLAT_INTEROP_REPORT, report + "\n");
    }
  });

  for (const sc of SCENARIOS) {
    it(`${sc.id}: ${sc.title}`, { timeout: 60_000 }, async () => {
      assert.ok(net && meetlat, "the interop network did not start");
      const failures: string[] = [];
      const described: string[] = [];
      for (const query of sc.queries) {
        // unbound's own (validating) query first, so its verdict never rests on what the
        // CD=1 queries of delv and meetlat put in its cache; those two then run side by side.
        const unbound = await resolverVerdict(net.resolver.address, net.resolver.port, query.name, typeNumber(query.type));
        const [delv, verdict] = await Promise.all([
          located.binaries?.delv
            ? delvVerdict(located.binaries.delv, net.delvAnchorFile, net.resolver.address, net.resolver.port, query.name, query.type)
            : Promise.resolve(undefined),
          meetlat.verdict(query.name, query.type),
        ]);
        const row: Row = { scenario: sc.id, query, unbound, meetlat: verdict, ...(delv ? { delv } : {}) };
        rows.push(row);
        described.push(describeRow(row));
        failures.push(...problems(sc, row).map((p) => `${query.name} ${query.type}: ${p}`));
      }
      if (failures.length > 0) {
        assert.fail(`scenario ${sc.id} (${sc.title}):\n${failures.map((f) => `  - ${f}`).join("\n")}\n${described.join("\n\n")}`);
      }
    });
  }
});

// The validated ROA payloads of a run, indexed by prefix: for a route, every VRP that covers it
// (RFC 6811 2, "Covering VRP"), without scanning the table.

import { u16, u32, u8 } from "./growable.ts";
import { PrefixRowsBuilder } from "./prefix-rows.ts";
import { PrefixTable } from "./prefix-table.ts";
import type { Family } from "./prefix-words.ts";
import type { Vrp } from "./types.ts";

class FamilyVrpRows {
  readonly prefixes: PrefixRowsBuilder;
  readonly asn = u32();
  readonly maxLength = u8();
  readonly ta = u16();
  constructor(family: Family) {
    this.prefixes = new PrefixRowsBuilder(family);
  }
}

/** Collects VRPs as a file is parsed; build() turns them into a VrpTable. */
export class VrpTableBuilder {
  private readonly families = { 4: new FamilyVrpRows(4), 6: new FamilyVrpRows(6) };
  private readonly taNames: string[] = [""];
  private readonly taIndex = new Map<string, number>([["", 0]]);

  get count(): number {
    return this.families[4].asn.length + this.families[6].asn.length;
  }

  add(family: Family, words: Uint32Array, length: number, maxLength: number, asn: number, ta = ""): void {
    const rows = this.families[family];
    rows.prefixes.push(words, length);
    rows.asn.push(asn);
    rows.maxLength.push(maxLength);
    let t = this.taIndex.get(ta);
    if (t === undefined) {
      if (this.taNames.length >= 0xffff) throw new Error("more than 65535 trust anchor names");
      t = this.taNames.length;
      this.taNames.push(ta);
      this.taIndex.set(ta, t);
    }
    rows.ta.push(t);
  }

  build(): VrpTable {
    return new VrpTable(this.buildFamily(4), this.buildFamily(6), this.taNames);
  }

  private buildFamily(family: Family): FamilyVrps {
    const rows = this.families[family];
    const asn = rows.asn.trimmed();
    const maxLength = rows.maxLength.trimmed();
    const table = PrefixTable.build(rows.prefixes.rows(), [{ values: asn, bits: 32 }, { values: maxLength, bits: 8 }]);
    return { table, asn, maxLength, ta: rows.ta.trimmed() };
  }
}

interface FamilyVrps {
  table: PrefixTable;
  asn: Uint32Array;
  maxLength: Uint8Array;
  ta: Uint16Array;
}

export class VrpTable {
  private readonly families: Readonly<Record<Family, FamilyVrps>>;
  private readonly taNames: readonly string[];

  constructor(v4: FamilyVrps, v6: FamilyVrps, taNames: readonly string[]) {
    this.families = { 4: v4, 6: v6 };
    this.taNames = taNames;
  }

  get counts(): { vrps: number; ipv4: number; ipv6: number; prefixes: number } {
    const v4 = this.families[4].asn.length;
    const v6 = this.families[6].asn.length;
    return { vrps: v4 + v6, ipv4: v4, ipv6: v6, prefixes: this.families[4].table.size + this.families[6].table.size };
  }

  get byteLength(): number {
    return [4, 6].reduce((s, f) => {
      const x = this.families[f as Family];
      return s + x.table.byteLength + x.asn.byteLength + x.maxLength.byteLength + x.ta.byteLength;
    }, 0);
  }

  /**
   * The VRPs whose prefix covers the prefix (words, length): equal or less specific, most
   * specific first; identical VRPs from several trust anchors appear once.
   */
  covering(family: Family, words: Uint32Array, length: number): Vrp[] {
    const f = this.families[family];
    const out: Vrp[] = [];
    for (const p of f.table.covering(words, length)) {
      const prefix = f.table.textOf(p);
      let last: Vrp | undefined;
      for (const row of f.table.rowsOf(p)) {
        const asn = f.asn[row]!;
        const maxLength = f.maxLength[row]!;
        if (last && last.asn === asn && last.maxLength === maxLength) continue;
        const ta = this.taNames[f.ta[row]!];
        last = ta ? { prefix, maxLength, asn, ta } : { prefix, maxLength, asn };
        out.push(last);
      }
    }
    return out;
  }
}

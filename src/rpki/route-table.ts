// Announced routes (prefix -> origin AS) from a BGP table, indexed by prefix: for an address,
// every announced prefix that contains it and the origins of each, without scanning the table.

import { u32 } from "./growable.ts";
import type { GrowableColumn } from "./growable.ts";
import { PrefixRowsBuilder } from "./prefix-rows.ts";
import { PrefixTable } from "./prefix-table.ts";
import { BITS } from "./prefix-words.ts";
import type { Family } from "./prefix-words.ts";

/**
 * How a route whose AS path ends in an AS_SET is stored: its origin is "NONE" (RFC 6811 2),
 * which matches no VRP. AS 4294967295 is reserved (RFC 7300), so no real route has it.
 */
export const ORIGIN_NONE = 0xffffffff;

/** Routes of one announced prefix. */
export interface AnnouncedPrefix {
  prefix: string;
  family: Family;
  words: Uint32Array;
  length: number;
  /** Distinct origins, ascending; null = NONE (AS_SET). */
  origins: (number | null)[];
}

export class RouteTableBuilder {
  private readonly families: Record<Family, { prefixes: PrefixRowsBuilder; origin: GrowableColumn<Uint32Array> }> = {
    4: { prefixes: new PrefixRowsBuilder(4), origin: u32() },
    6: { prefixes: new PrefixRowsBuilder(6), origin: u32() },
  };

  get count(): number {
    return this.families[4].origin.length + this.families[6].origin.length;
  }

  /** origin null: the AS path ended in an AS_SET. */
  add(family: Family, words: Uint32Array, length: number, origin: number | null): void {
    const f = this.families[family];
    f.prefixes.push(words, length);
    f.origin.push(origin ?? ORIGIN_NONE);
  }

  build(): RouteTable {
    const build = (family: Family) => {
      const f = this.families[family];
      const origin = f.origin.trimmed();
      return { table: PrefixTable.build(f.prefixes.rows(), [{ values: origin, bits: 32 }]), origin };
    };
    return new RouteTable(build(4), build(6));
  }
}

interface FamilyRoutes {
  table: PrefixTable;
  origin: Uint32Array;
}

export class RouteTable {
  private readonly families: Readonly<Record<Family, FamilyRoutes>>;
  /** Distinct (prefix, origin) pairs. */
  readonly routeCount: number;

  constructor(v4: FamilyRoutes, v6: FamilyRoutes) {
    this.families = { 4: v4, 6: v6 };
    this.routeCount = distinctRoutes(v4) + distinctRoutes(v6);
  }

  get counts(): { routes: number; rows: number; ipv4Prefixes: number; ipv6Prefixes: number } {
    return {
      routes: this.routeCount,
      rows: this.families[4].origin.length + this.families[6].origin.length,
      ipv4Prefixes: this.families[4].table.size,
      ipv6Prefixes: this.families[6].table.size,
    };
  }

  get byteLength(): number {
    return [4, 6].reduce((s, f) => s + this.families[f as Family].table.byteLength + this.families[f as Family].origin.byteLength, 0);
  }

  /** The announced prefixes that contain the address, most specific first. */
  covering(family: Family, address: Uint32Array): AnnouncedPrefix[] {
    const f = this.families[family];
    return f.table.covering(address, BITS[family]).map((p) => {
      const origins: (number | null)[] = [];
      for (const row of f.table.rowsOf(p)) {
        const o = f.origin[row]!;
        const origin = o === ORIGIN_NONE ? null : o;
        if (origins[origins.length - 1] !== origin) origins.push(origin);
      }
      return { prefix: f.table.textOf(p), family, words: f.table.wordsOf(p), length: f.table.lengthOf(p), origins };
    });
  }
}

function distinctRoutes(f: FamilyRoutes): number {
  let n = 0;
  for (let p = 0; p < f.table.size; p++) {
    let last = -1;
    for (const row of f.table.rowsOf(p)) {
      if (f.origin[row] !== last) n++;
      last = f.origin[row]!;
    }
  }
  return n;
}

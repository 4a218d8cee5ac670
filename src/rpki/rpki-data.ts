// The RPKI data of a run behind one interface: loaded once (load-rpki-data.ts), shared by every
// domain, asked per address. When the data is missing or unusable it still answers, with the
// reason, so that the RPKI tests end in `error` and never pass on nothing.

import { addressRouting } from "./address-routing.ts";
import type { RouteSource } from "./route-source.ts";
import type { AddressRouting, RpkiDataDescription } from "./types.ts";
import type { VrpTable } from "./vrp-table.ts";

export const NO_RPKI_DATA = "no RPKI data: give --rpki-vrps and --rpki-routes";

export interface RpkiData {
  /** The sources, their provenance and any problem: recorded with every RPKI result. */
  readonly description: RpkiDataDescription;
  /** The routes covering the address, each validated against the VRPs (RFC 6811). */
  routing(address: string): Promise<AddressRouting>;
}

export function usableRpkiData(vrps: VrpTable, routes: RouteSource, description: RpkiDataDescription): RpkiData {
  return { description, routing: (address) => addressRouting(address, routes, vrps) };
}

export function unusableRpkiData(description: RpkiDataDescription & { problem: string }): RpkiData {
  return { description, routing: async (address) => ({ address, routes: [], error: description.problem }) };
}

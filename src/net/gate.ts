// The steps every outgoing operation passes before a socket is opened, in this order:
// 1. the address policy, on the target as the caller named it (refusals never touch the network);
// 2. the deadline and the caller's AbortSignal, merged into one scope;
// 3. a per-target slot from the limiter (waiting for it counts against the deadline);
// 4. the test rewrite table, which only changes where the socket really goes.
// New transports (TLS, raw TCP with upgrade) go through admit() too, so they get all four.

import type { AddressPolicy } from "./address-policy.ts";
import { parseIp } from "./ip.ts";
import { startOperation } from "./operation-scope.ts";
import type { OperationScope } from "./operation-scope.ts";
import type { RewriteTable } from "./rewrite-table.ts";
import type { ReleaseSlot, TargetLimiter } from "./target-limiter.ts";
import { NetError } from "./types.ts";
import type { Endpoint } from "./types.ts";

export interface Gate {
  policy: AddressPolicy;
  limiter: TargetLimiter;
  rewrites?: RewriteTable;
}

export interface Admission {
  /** Where the socket really goes (the target unless a rewrite rule applies). */
  dial: Endpoint;
  family: 4 | 6;
  scope: OperationScope;
  releaseSlot: ReleaseSlot;
}

/** Runs the checks; on success the caller must dispose the scope and release the slot. */
export async function admit(gate: Gate, target: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<Admission> {
  const decision = gate.policy.check(target.address);
  if (!decision.allowed) throw new NetError("refused_by_policy", target, decision.reason);
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new NetError("refused_by_policy", target, `port ${target.port} is not a valid destination port`);
  }
  const dial = gate.rewrites?.resolve(target) ?? target;
  const dialIp = parseIp(dial.address);
  if (!dialIp) throw new NetError("io", target, `rewrite of ${target.address} gave a non-IP address ${dial.address}`);
  const scope = startOperation(target, timeoutMs, signal);
  try {
    const releaseSlot = await gate.limiter.acquire(target.address, scope.signal);
    return { dial, family: dialIp.family, scope, releaseSlot };
  } catch (err) {
    scope.dispose();
    throw err;
  }
}

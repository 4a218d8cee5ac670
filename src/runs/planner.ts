// Plans a run: streams the selected domains from the register into the run's work list, with
// the test types each domain's purpose calls for (a mail-only domain gets no website test).

import type { TestType } from "../checks/result.ts";
import { TEST_TYPES_FOR_PURPOSE } from "../register/model.ts";
import type { Purpose } from "../register/model.ts";
import type { Store } from "../store/store.ts";
import type { Selection } from "./selection.ts";

/** Adds the selection's domains to the run; returns the number of (domain, type) items planned. */
export async function planRun(store: Store, runId: number, selection: Selection, types: readonly TestType[]): Promise<number> {
  let planned = 0;
  for (const purpose of Object.keys(TEST_TYPES_FOR_PURPOSE) as Purpose[]) {
    if (selection.filter.purpose && selection.filter.purpose !== purpose) continue;
    const wanted = TEST_TYPES_FOR_PURPOSE[purpose].filter((t) => types.includes(t));
    if (wanted.length === 0) continue;
    const names = async function* () {
      for await (const d of store.register.domains({ ...selection.filter, purpose })) {
        if (!selection.domains || selection.domains.has(d.name)) yield d.name;
      }
    };
    planned += await store.runs.plan(runId, names(), wanted);
  }
  return planned;
}

/** The run's pending work, page by page in domain order, as the executor consumes it. */
export async function* pendingWork(store: Store, runId: number, pageSize = 500): AsyncIterable<{ domainId: number; domain: string; types: TestType[] }> {
  let after: string | undefined;
  for (;;) {
    const page = await store.runs.pending(runId, { limit: pageSize, ...(after === undefined ? {} : { afterDomain: after }) });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.domain;
  }
}

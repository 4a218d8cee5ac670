// A store that records nothing, for measuring what storage costs a run: the same run over the
// same simulated internet, once with the real store and once with this one, differs only in
// recording the results (planning the work list and reading it back are in both).

import type { Store } from "../src/store/store.ts";

export function withoutRecording(store: Store): Store {
  return { ...store, runs: { ...store.runs, record: async () => {}, prepareRecording: () => {} } };
}

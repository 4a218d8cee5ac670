// The terminal side of a run: progress (a line on a terminal, JSON lines for machines, nothing
// otherwise), SIGINT handling, and the closing summary.

import { putV8HelpersInBackground } from "../runs/background-helpers.ts";
import { backgroundMode } from "../store/thread-priority.ts";
import type { StoredRunOptions } from "../runs/run-service.ts";
import { resumeRun, RunStateError, startRun } from "../runs/run-service.ts";
import type { RunOutcome } from "../runs/run-service.ts";
import type { Selection } from "../runs/selection.ts";
import { openScanSetup } from "./scan-options.ts";
import { withStore } from "./store-access.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export type RunRequest =
  | { kind: "start"; selection: Selection; options: Omit<StoredRunOptions, "select">; requestedBy: string }
  | { kind: "resume"; runId?: number; concurrency?: number };

export interface RunDisplay {
  json: boolean;
  progress: boolean;
}

export function progressWriter(display: RunDisplay) {
  const started = Date.now();
  let total = 0;
  const tty = display.progress && !display.json && process.stderr.isTTY === true;
  return {
    planned(n: number) { total = n; },
    progress(p: { done: number; total?: number; errors: number; retrying: boolean; domain: string }) {
      const secs = (Date.now() - started) / 1000;
      const all = p.total ?? total;
      const rate = secs > 0 ? p.done / secs : 0;
      const eta = rate > 0 && all > p.done ? Math.ceil((all - p.done) / rate) : 0;
      if (display.json) {
        process.stdout.write(JSON.stringify({ event: "progress", done: p.done, total: all, errors: p.errors, retrying: p.retrying, ratePerMinute: Math.round(rate * 60), etaSeconds: eta }) + "\n");
      } else if (tty) {
        process.stderr.write(`\r\x1b[K  ${p.retrying ? "retrying errors" : "measured"} ${p.done}/${all}  ${Math.round(rate * 60)}/min  ETA ${eta}s  errors ${p.errors}`);
      }
    },
    end() { if (tty) process.stderr.write("\r\x1b[K"); },
  };
}

function summaryText(o: RunOutcome): string {
  const s = o.summary;
  return [
    `run ${o.run.id} ${o.run.status}${o.resumed ? " (resumed)" : ""}: ${s.domains} domains measured in ${s.seconds.toFixed(1)} s` +
      (s.seconds > 0 ? ` (${Math.round((s.domains / s.seconds) * 60)} per minute)` : ""),
    `  retried once: ${s.retried}; still in error: ${s.errorDomains}`,
    `  see: meetlat runs · meetlat show DOMAIN --run ${o.run.id}`,
  ].join("\n");
}

/**
 * First Ctrl-C: abort (stop taking new domains, store what is in flight) and say `message`; a
 * second one exits at once. Returns the function that removes the handler.
 */
export function abortOnInterrupt(abort: AbortController, message: string): () => void {
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    process.stderr.write(`\n${message}\n`);
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}

/**
 * V8's helper threads to the background for a run (background-helpers.ts). A
 * MEETLAT_BACKGROUND_THREADS that names no mode is the caller's mistake, reported before anything
 * is opened.
 */
export async function putHelpersInBackgroundForRun(): Promise<void> {
  try {
    backgroundMode();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  await putV8HelpersInBackground();
}

export async function executeRunCommand(req: RunRequest, database: string | undefined, display: RunDisplay): Promise<number> {
  const out = progressWriter(display);
  const abort = new AbortController();
  const stopHandling = abortOnInterrupt(abort, "meetlat run: stopping after the domains in flight; resume with meetlat run --resume");
  try {
    await putHelpersInBackgroundForRun();
    return await withStore(database, req.kind === "resume", async (store) => {
      const hooks = {
        openSetup: (o: StoredRunOptions["setup"]) => openScanSetup(o, "run"),
        onPlanned: (run: { id: number }, items: number) => {
          out.planned(items);
          if (display.json) process.stdout.write(JSON.stringify({ event: "planned", run: run.id, items }) + "\n");
          else process.stderr.write(`meetlat run: run ${run.id}, ${items} (domain, test type) items planned\n`);
        },
        onProgress: out.progress,
        requestedBy: req.kind === "start" ? req.requestedBy : "resume",
        signal: abort.signal,
      };
      let outcome: RunOutcome;
      try {
        outcome = req.kind === "start"
          ? await startRun(store, req.selection, req.options, hooks)
          : await resumeRun(store, req.runId, hooks, req.concurrency === undefined ? {} : { concurrency: req.concurrency });
      } catch (err) {
        if (err instanceof RunStateError) throw new UsageError(err.message);
        throw err;
      }
      out.end();
      if (display.json) process.stdout.write(JSON.stringify({ event: "summary", run: outcome.run.id, status: outcome.run.status, ...outcome.summary }) + "\n");
      else process.stdout.write(summaryText(outcome) + "\n");
      return EXIT.ok;
    });
  } finally {
    stopHandling();
  }
}

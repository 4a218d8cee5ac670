// Process management for the interop peers (knotd, unbound, and the one-shot tools that sign
// the zones). Every long-running peer is spawned in its own process group and recorded, so the
// test's `after` hook (and, as a last resort, this process's exit) can kill it and everything it
// forked. One-shot tools run with a hard timeout.

import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Where Debian puts the peers' binaries; searched after PATH (root's PATH has sbin, CI's may not). */
const EXTRA_BIN_DIRS = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

/** The absolute path of an executable, or undefined when it is not installed. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export class ToolError extends Error {}

/**
 * Runs a one-shot tool to completion (with a hard timeout) and returns its output; throws a
 * ToolError carrying the command line and stderr when it fails, unless `allowFailure`.
 */
export function runTool(
  binary: string,
  args: readonly string[],
  opts: { cwd?: string; timeoutMs?: number; allowFailure?: boolean; input?: string } = {},
): ToolResult {
  const res = spawnSync(binary, args, {
    cwd: opts.cwd,
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 30_000,
    killSignal: "SIGKILL",
    input: opts.input,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out: ToolResult = { stdout: res.stdout ?? "", stderr: res.stderr ?? "", status: res.status };
  if (!opts.allowFailure && (res.error || res.status !== 0)) {
    const why = res.error ? res.error.message : `exit status ${res.status} (signal ${res.signal ?? "none"})`;
    throw new ToolError(`${binary} ${args.join(" ")} failed: ${why}\n${out.stderr}${out.stdout}`);
  }
  return out;
}

/** Runs a one-shot tool asynchronously (so several can run at once), with a hard timeout. */
export function runToolAsync(
  binary: string,
  args: readonly string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), opts.timeoutMs ?? 30_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: stderr + err.message, status: null });
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole process group (spawned detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** A long-running peer process. */
export interface Peer {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  /** True once the process has exited (expected or not). */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const livePeers = new Set<Peer>();

function killAllNow(): void {
  for (const peer of livePeers) killGroup(peer.child, "SIGKILL");
}

// Last resort: if the test process ends without running its `after` hooks (an uncaught error,
// process.exit, or a signal from the test runner or the terminal), take the peers down too.
process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAllNow();
    process.kill(process.pid, signal); // our handler is gone now: the default action follows
  });
}

/** Starts a long-running peer with stdout and stderr appended to `logFile`. */
export function startPeer(name: string, binary: string, args: readonly string[], opts: { cwd: string; logFile: string }): Peer {
  const log = createWriteStream(opts.logFile, { flags: "a" });
  const child = spawn(binary, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    const done = () => {
      if (exited) return;
      exited = true;
      livePeers.delete(peer);
      resolve();
    };
    child.on("exit", done);
    child.on("error", done);
  });
  // The log is closed only once the child's pipes are drained (after "exit" data may follow).
  child.on("close", () => log.end());
  const peer: Peer = {
    name,
    child,
    logFile: opts.logFile,
    exited: exitedPromise,
    hasExited: () => exited,
    async stop(graceMs = 3000) {
      if (exited) return;
      killGroup(child, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          killGroup(child, "SIGKILL");
          resolve();
        }, graceMs);
      });
      await Promise.race([exitedPromise, killed]);
      clearTimeout(timer);
      await exitedPromise;
    },
  };
  livePeers.add(peer);
  return peer;
}

/** Stops every peer still running; never throws. */
export async function stopAllPeers(): Promise<void> {
  await Promise.all([...livePeers].map((p) => p.stop().catch(() => undefined)));
}

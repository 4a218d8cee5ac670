// Runs the real `meetlat` command in a child process (with this Node, so Node 24), as users
// and CI do: to completion (`runMeetlat`), or as a long-lived process that the test stops
// (`startMeetlat`, e.g. `testnet up`). Every child has a deadline and is killed at the end.

import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";

export const MEETLAT_BIN = new URL("../../bin/meetlat.js", import.meta.url).pathname;

export interface MeetlatOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `meetlat ARGS...` to its end (killed after `timeoutMs`), with `env` added to this process's environment. */
export function runMeetlat(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<MeetlatOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEETLAT_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], timeout: opts.timeoutMs ?? 120_000, env: { ...process.env, ...opts.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => { stdout += b; });
    child.stderr.on("data", (b: Buffer) => { stderr += b; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningMeetlat {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Sends SIGTERM and waits for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `meetlat ARGS...` and resolves once stdout contains `readyText` (killed after `timeoutMs`). */
export async function startMeetlat(args: string[], readyText: string, opts: { timeoutMs?: number } = {}): Promise<RunningMeetlat> {
  const child = spawn(process.execPath, [MEETLAT_BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => { out += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => { if (out.includes(readyText)) resolve(); };
      child.stdout.on("data", check);
      void exited.then((code) => reject(new Error(`meetlat ${args.join(" ")} exited early with ${code}: ${out}`)));
      check();
    });
  } catch (err) {
    clearTimeout(killer);
    throw err;
  }
  return {
    child,
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

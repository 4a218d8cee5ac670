// Debian's chromium, headless, for tests and scripts that must see a page as a browser renders
// it. Started with the flags a machine without internet needs: no background networking,
// component updates, sync, extensions or first-run work, and every host name resolving to
// nothing (--host-resolver-rules), so a stray request fails locally instead of leaving the
// machine. Each run gets a fresh profile directory and a hard deadline that kills the whole
// process group (chromium starts many processes).

import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

const CANDIDATES = ["chromium", "chromium-browser"];
const FALLBACKS = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"];
const DEFAULT_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 2_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export const OFFLINE_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--metrics-recording-only",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--host-resolver-rules=MAP * ~NOTFOUND",
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The chromium binary, or null when it is not installed: MEETLAT_CHROMIUM when set (a path, or
 * "none" to act as if there were none), else `chromium` in PATH, else Debian's locations.
 */
export function findChromium(): string | null {
  const chosen = process.env["MEETLAT_CHROMIUM"];
  if (chosen !== undefined && chosen !== "") return chosen !== "none" && isExecutable(chosen) ? chosen : null;
  const dirs = (process.env["PATH"] ?? "").split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return FALLBACKS.find(isExecutable) ?? null;
}

export interface ChromiumResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs chromium with the offline flags plus `args` on `file`, killed (whole group) after `timeoutMs`. */
export function runChromium(file: string, args: readonly string[], opts: { timeoutMs?: number; binary?: string } = {}): Promise<ChromiumResult> {
  const binary = opts.binary ?? findChromium();
  if (!binary) return Promise.reject(new Error("chromium is not installed (apt-get install chromium)"));
  const profile = mkdtempSync(join(tmpdir(), "meetlat-chromium-"));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<ChromiumResult>((resolve, reject) => {
    const child = spawn(binary, [...OFFLINE_FLAGS, `--user-data-dir=${profile}`, ...args, pathToFileURL(file).href], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so the deadline can kill every chromium process
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS).unref();
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += b.toString("utf8");
    });
    child.stderr.on("data", (b: Buffer) => {
      if (stderr.length < MAX_OUTPUT_BYTES) stderr += b.toString("utf8");
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      killGroup("SIGKILL"); // helpers that outlived the browser process
      rmSync(profile, { recursive: true, force: true });
      if (timedOut) reject(new Error(`chromium did not finish within ${timeoutMs} ms (killed); stderr: ${stderr.slice(-2000)}`));
      else resolve({ stdout, stderr, code });
    });
  });
}

export interface RenderedDom {
  /** The DOM after chromium loaded and rendered the file (serialised by --dump-dom). */
  dom: string;
  /** What the page logged to the console: CSP violations, blocked loads, errors. */
  consoleMessages: string[];
}

/** Loads `file`, returns its rendered DOM and the page's console messages. */
export async function dumpDom(file: string, opts: { timeoutMs?: number } = {}): Promise<RenderedDom> {
  const result = await runChromium(file, ["--dump-dom", "--enable-logging=stderr", "--v=0"], opts);
  if (result.code !== 0 || !result.stdout.includes("<html")) throw new Error(`chromium --dump-dom failed (exit ${result.code}): ${result.stderr.slice(-2000)}`);
  const consoleMessages = result.stderr.split("\n").filter((line) => line.includes(":CONSOLE"));
  return { dom: result.stdout, consoleMessages };
}

/** Renders `file` at `width` x `height` CSS pixels into the PNG `out`. */
export async function screenshot(file: string, out: string, opts: { width?: number; height?: number; timeoutMs?: number } = {}): Promise<void> {
  const size = `--window-size=${opts.width ?? 1280},${opts.height ?? 2400}`;
  const result = await runChromium(file, [`--screenshot=${out}`, size], opts);
  if (result.code !== 0) throw new Error(`chromium --screenshot failed (exit ${result.code}): ${result.stderr.slice(-2000)}`);
}

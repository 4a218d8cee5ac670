// Whether a program the test needs (taskset, chrt: util-linux) can be run here; tests that need
// one are skipped where it is missing.

import { execFileSync } from "node:child_process";

/** True when `program --version` runs. */
export function hasProgram(program: string): boolean {
  try {
    execFileSync(program, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

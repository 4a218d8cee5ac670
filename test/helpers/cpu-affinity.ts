// Pinning this test process to CPUs (util-linux's taskset), for tests that need threads to share
// one CPU with busy ones. Each test file runs in a process of its own, so a pin stays in it.

import { execFileSync } from "node:child_process";

/** Pins every thread of this process to `cpuList` ("0", "0-1"); tried again when a thread ends meanwhile, which fails taskset's pass over them. */
export function pinThisProcess(cpuList: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("taskset", ["--all-tasks", "--cpu-list", "--pid", cpuList, String(process.pid)], { stdio: "ignore" });
      return;
    } catch (err) {
      if (attempt === 5) throw err;
    }
  }
}

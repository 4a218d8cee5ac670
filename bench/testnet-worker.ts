// Runs the simulated internet in a worker thread, so that the benchmark's scanner and the
// servers it measures against use the machine's two cores instead of sharing one.

import { parentPort, workerData } from "node:worker_threads";
import { startTestnet } from "../src/testnet/servers.ts";
import { syntheticWorld } from "../src/testnet/synthetic-world.ts";

const { domains, dir } = workerData as { domains: number; dir: string };
const started = performance.now();
const net = await startTestnet(syntheticWorld(domains));
const descriptor = await net.writeDescriptor(dir);
parentPort!.postMessage({ descriptor, buildMs: performance.now() - started, domains: net.domains.map((d) => d.domain) });
parentPort!.on("message", (m) => {
  if (m === "stop") void net.stop().then(() => process.exit(0));
});

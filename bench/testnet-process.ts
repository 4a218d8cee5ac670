// A simulated internet of N synthetic domains in a process of its own, for benchmarks that
// measure meetlat's memory without the servers' share: prints the descriptor path, then serves
// until it is sent SIGTERM (or its parent goes away).
//
//   node bench/testnet-process.ts N DIR [REGISTER_CSV]
//
// With REGISTER_CSV, it also writes the register of the N domains there, and leaves the domain
// list out of the descriptor: a run needs only the resolver, trust anchor and rewrites, and a
// run process that parsed a list as long as its register would count it in its memory.

import { readFile, writeFile } from "node:fs/promises";
import { startTestnet } from "../src/testnet/servers.ts";
import { syntheticWorld } from "../src/testnet/synthetic-world.ts";

const [count, dir, registerCsv] = process.argv.slice(2);
const net = await startTestnet(syntheticWorld(Number(count)));
const descriptor = await net.writeDescriptor(dir!);
if (registerCsv) {
  const rows = net.domains.map((d, i) => `${d.domain},both,Gemeente ${i % 342},gemeente`);
  await writeFile(registerCsv, ["domain,purpose,organisation,organisation_type", ...rows].join("\n") + "\n");
  const { domains: _omitted, ...rest } = JSON.parse(await readFile(descriptor, "utf8")) as Record<string, unknown>;
  await writeFile(descriptor, JSON.stringify(rest, null, 2) + "\n");
}
process.stdout.write(`${descriptor}\n`);
const stop = () => void net.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("disconnect", stop);

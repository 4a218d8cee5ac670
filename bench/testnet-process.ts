// A simulated internet of N synthetic domains in a process of its own, for benchmarks that
// measure meetlat's memory without the servers' share: prints the descriptor path, then serves
// until it is sent SIGTERM (or its parent goes away).

import { startTestnet } from "../src/testnet/servers.ts";
import { syntheticWorld } from "../src/testnet/synthetic-world.ts";

const [count, dir] = process.argv.slice(2);
const net = await startTestnet(syntheticWorld(Number(count)));
process.stdout.write(`${await net.writeDescriptor(dir!)}\n`);
const stop = () => void net.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("disconnect", stop);

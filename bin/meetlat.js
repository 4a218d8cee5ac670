#!/usr/bin/env node
// The sources are TypeScript, run directly by Node 24's type stripping (no build step). Node's
// compile cache (in the system's temporary directory, or NODE_COMPILE_CACHE) keeps the stripped
// and compiled code between runs; it is turned on before the first TypeScript module loads,
// hence the dynamic import.
import { enableCompileCache } from "node:module";

enableCompileCache();
const { main } = await import("../src/cli/main.ts");

process.exitCode = await main(process.argv.slice(2));

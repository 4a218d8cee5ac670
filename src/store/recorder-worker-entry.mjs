// The recorder thread's entry: plain JavaScript, so that Node's compile cache is on before the
// first TypeScript module is loaded. The cache keeps the type-stripped code too, and a thread
// whose modules all come from it never loads the TypeScript stripper (a WebAssembly module that
// cost every new thread about 0.1 s of CPU).
import { enableCompileCache } from "node:module";

enableCompileCache();
await import("./recorder-worker.ts");

// Opens a store and prints the migrations it applied, as JSON: run as several processes at once
// by migrations.test.ts to show that concurrent opens apply each migration exactly once.

import { openStore } from "../../../src/store/open-store.ts";

const store = await openStore(process.argv[2]!);
process.stdout.write(JSON.stringify(store.migrationsApplied) + "\n");
await store.close();

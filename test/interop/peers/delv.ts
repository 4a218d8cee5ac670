// delv (bind9-dnsutils) as a second opinion: it asks the resolver with CD=1, like meetlat,
// and validates by itself from the same trust anchor.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runToolAsync } from "./process.ts";
import type { Verdict } from "./unbound.ts";

/** Writes a delv anchor file (a trust-anchors statement with static-ds) from DS lines. */
export function writeDelvAnchors(dir: string, rootDs: readonly string[]): string {
  const entries = rootDs.map((line) => {
    const m = /^(\S+)\s+(?:\d+\s+)?IN\s+DS\s+(\d+)\s+(\d+)\s+(\d+)\s+(.+)$/.exec(line.trim());
    if (!m) throw new Error(`not a DS record: ${line}`);
    return `    ${m[1]} static-ds ${m[2]} ${m[3]} ${m[4]} "${m[5]!.replace(/\s+/g, "")}";`;
  });
  const file = join(dir, "delv-anchors.conf");
  writeFileSync(file, `trust-anchors {\n${entries.join("\n")}\n};\n`);
  return file;
}

export interface DelvVerdict {
  verdict: Verdict | "error";
  detail: string;
}

/** delv's verdict for one question, asked of the resolver at address:port. */
export async function delvVerdict(delv: string, anchorFile: string, address: string, port: number, name: string, type: string): Promise<DelvVerdict> {
  if (!/^127\./.test(address)) throw new Error(`refusing to point delv at non-loopback ${address}`);
  const res = await runToolAsync(delv, [`@${address}`, "-p", String(port), "-4", "-a", anchorFile, "+root=.", "-q", name, "-t", type], { timeoutMs: 20_000 });
  const out = `${res.stdout}\n${res.stderr}`;
  const lines = out.split("\n").map((l) => l.trim()).filter(Boolean);
  // delv prints one status line per RRset it resolved (a CNAME chain gives several); the
  // answer is as strong as its weakest part. "resolution failed: ncache ..." only reports a
  // negative answer, anything else that failed is a validation failure.
  const failure = lines.find((l) => /resolution failed|validation failed|broken trust chain/.test(l) && !/ncache nx(domain|rrset)/.test(l));
  if (failure) return { verdict: "bogus", detail: failure };
  const unsigned = lines.find((l) => /unsigned answer/.test(l));
  if (unsigned) return { verdict: "insecure", detail: unsigned };
  const validated = lines.find((l) => /fully validated/.test(l));
  if (validated) return { verdict: "secure", detail: validated };
  return { verdict: "error", detail: lines.slice(0, 3).join(" | ") };
}

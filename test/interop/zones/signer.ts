// Drives Debian's DNSSEC tools: bind9's dnssec-keygen, dnssec-signzone and dnssec-dsfromkey, and
// ldnsutils' ldns-signzone for the one thing dnssec-signzone refuses (NSEC3 with more than 150
// iterations). Signed zones are written one record per line ("-O full") so that the scenarios
// can break them with plain line edits after signing.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runTool, runToolAsync } from "../peers/process.ts";

export interface SignerTools {
  keygen: string;
  signzone: string;
  dsfromkey: string;
  ldnsSignzone: string;
}

export interface Key {
  /** Path without extension: dir/K<zone>+<alg>+<tag>. */
  base: string;
  zone: string;
  algorithm: number;
  keyTag: number;
  ksk: boolean;
  /** The DNSKEY record line from the .key file. */
  dnskey: string;
}

/** Debian 12's dnssec-keygen mnemonics by DNSKEY algorithm number. */
export const KEYGEN_ALGORITHMS: Readonly<Record<number, string>> = {
  5: "RSASHA1",
  7: "NSEC3RSASHA1",
  8: "RSASHA256",
  10: "RSASHA512",
  13: "ECDSAP256SHA256",
  14: "ECDSAP384SHA384",
  15: "ED25519",
  16: "ED448",
};

function isRsa(algorithm: number): boolean {
  return algorithm === 5 || algorithm === 7 || algorithm === 8 || algorithm === 10;
}

/** Generates one key with dnssec-keygen (asynchronously: RSA keys take a while). */
export async function generateKey(tools: SignerTools, dir: string, zone: string, algorithm: number, ksk: boolean): Promise<Key> {
  const mnemonic = KEYGEN_ALGORITHMS[algorithm];
  if (!mnemonic) throw new Error(`no dnssec-keygen mnemonic for algorithm ${algorithm}`);
  const args = ["-q", "-K", dir, "-a", mnemonic, "-n", "ZONE"];
  if (isRsa(algorithm)) args.push("-b", "2048");
  if (ksk) args.push("-f", "KSK");
  args.push(zone);
  const res = await runToolAsync(tools.keygen, args, { cwd: dir, timeoutMs: 60_000 });
  const name = res.stdout.trim().split("\n").pop() ?? "";
  const m = /^K.*\+(\d{3})\+(\d{5})$/.exec(name);
  if (res.status !== 0 || !m) throw new Error(`dnssec-keygen ${args.join(" ")} failed (${res.status}): ${res.stderr}${res.stdout}`);
  const base = join(dir, name);
  const dnskey = readFileSync(`${base}.key`, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith(";")).join("\n");
  return { base, zone, algorithm: Number(m[1]), keyTag: Number(m[2]), ksk, dnskey };
}

export interface Nsec3Options {
  /** Hex salt, or "-" for none (RFC 9276 recommends none). */
  salt: string;
  iterations: number;
  optOut?: boolean;
}

export interface SignOptions {
  origin: string;
  /** Unsigned zone text (DNSKEY records are added from the keys). */
  text: string;
  dir: string;
  ksks: readonly Key[];
  zsks: readonly Key[];
  nsec3?: Nsec3Options;
  /** dnssec-signzone time specs, e.g. "now-40d" (default: now-1h .. now+30d). */
  inception?: string;
  expiration?: string;
}

/** Signs with dnssec-signzone (-O full) and returns the signed zone text. */
export function signZone(tools: SignerTools, opts: SignOptions): string {
  const keys = [...opts.ksks, ...opts.zsks];
  const unsigned = join(opts.dir, `${fileLabel(opts.origin)}.unsigned`);
  writeFileSync(unsigned, `${opts.text.trimEnd()}\n${keys.map((k) => k.dnskey).join("\n")}\n`);
  const out = join(opts.dir, `${fileLabel(opts.origin)}.signed`);
  const args = ["-O", "full", "-K", opts.dir, "-d", opts.dir, "-o", opts.origin, "-f", out];
  if (opts.inception) args.push("-s", opts.inception);
  if (opts.expiration) args.push("-e", opts.expiration);
  // The built-in post-signing check would (rightly) refuse signatures outside their window.
  if (opts.inception || opts.expiration) args.push("-P");
  if (opts.nsec3) {
    args.push("-3", opts.nsec3.salt, "-H", String(opts.nsec3.iterations));
    if (opts.nsec3.optOut) args.push("-A");
  }
  if (opts.zsks.length === 0) {
    // Only keys with the KSK flag: they sign everything (combined signing keys).
    args.push("-z", unsigned, ...opts.ksks.map((k) => k.base));
  } else {
    for (const k of opts.ksks) args.push("-k", k.base);
    args.push(unsigned, ...opts.zsks.map((k) => k.base));
  }
  runTool(tools.signzone, args, { cwd: opts.dir, timeoutMs: 60_000 });
  return readFileSync(out, "utf8");
}

/** Signs with ldns-signzone (NSEC3 only; used for iteration counts dnssec-signzone refuses). */
export function signZoneLdns(tools: SignerTools, opts: SignOptions & { nsec3: Nsec3Options }): string {
  const unsigned = join(opts.dir, `${fileLabel(opts.origin)}.unsigned`);
  writeFileSync(unsigned, `${opts.text.trimEnd()}\n`);
  const out = join(opts.dir, `${fileLabel(opts.origin)}.signed`);
  const args = ["-o", opts.origin, "-f", out, "-n", "-t", String(opts.nsec3.iterations), "-s", opts.nsec3.salt === "-" ? "" : opts.nsec3.salt];
  if (opts.nsec3.optOut) args.push("-p");
  args.push(unsigned, ...opts.ksks.map((k) => k.base), ...opts.zsks.map((k) => k.base));
  runTool(tools.ldnsSignzone, args, { cwd: opts.dir, timeoutMs: 60_000 });
  return readFileSync(out, "utf8");
}

/** The DS record (presentation format, one line) for a KSK, with the given digest type. */
export function dsFromKey(tools: SignerTools, key: Key, digestType: 1 | 2 | 4): string {
  const digest = { 1: "SHA-1", 2: "SHA-256", 4: "SHA-384" }[digestType];
  const res = runTool(tools.dsfromkey, ["-a", digest, `${key.base}.key`], { timeoutMs: 10_000 });
  return res.stdout.trim();
}

/** A file-system friendly label for a zone origin ("." becomes "root"). */
export function fileLabel(origin: string): string {
  return origin === "." ? "root" : origin.replace(/\.$/, "");
}

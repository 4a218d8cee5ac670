// Where profiles come from: the files in ./definitions/ (one per profile, the file named after
// its id) and, with `--profile-file`, a file from outside the project. Every load validates with
// profile-schema.ts, so a broken file is reported with its name and the JSON path of each problem.

import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseProfile } from "./profile-schema.ts";
import type { ProfileDefinition } from "./types.ts";

const DEFINITIONS_DIR = fileURLToPath(new URL("./definitions/", import.meta.url));

/** JSON.parse with the file name (Node's message gives the line and column). */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

let builtin: readonly ProfileDefinition[] | undefined;

/** The profiles that ship with meetlat, sorted by id (read and validated once). */
export function builtinProfiles(): ProfileDefinition[] {
  builtin ??= readdirSync(DEFINITIONS_DIR).filter((f) => f.endsWith(".json")).sort().map((file) => {
    const path = join(DEFINITIONS_DIR, file);
    const profile = parseProfile(parseJson(readFileSync(path, "utf8"), path), path);
    if (profile.id !== basename(file, ".json")) throw new Error(`${path}: id: "${profile.id}" must equal the file name "${basename(file, ".json")}"`);
    return profile;
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Copies, so a caller that changes one cannot change what the next caller gets.
  return builtin.map((p) => structuredClone(p));
}

/** A profile file from anywhere (`--profile-file`). */
export async function loadProfileFile(path: string): Promise<ProfileDefinition> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a profile file" : (err as Error).message;
    throw new Error(`${path}: cannot read the profile: ${why}`, { cause: err });
  }
  return parseProfile(parseJson(text, path), path);
}

/**
 * The profile with this id. `extra` (profiles loaded with --profile-file) come first, so a file
 * with a builtin profile's id replaces it: the way to adapt a builtin profile without editing it.
 */
export function findProfile(id: string, extra: readonly ProfileDefinition[] = []): ProfileDefinition {
  const found = extra.find((p) => p.id === id) ?? builtinProfiles().find((p) => p.id === id);
  if (found) return found;
  const ids = [...new Set([...extra.map((p) => p.id), ...builtinProfiles().map((p) => p.id)])].sort();
  throw new Error(`unknown profile "${id}"; known profiles: ${ids.join(", ")}`);
}

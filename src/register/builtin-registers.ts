// The registers shipped in data/registers/ (derived from public sources by
// scripts/build-register-data.ts; see data/registers/SOURCES.md).

import { fileURLToPath } from "node:url";

export const BUILTIN_REGISTERS = {
  nl: { file: "nl/register.csv", description: "Dutch government: 342 municipalities (CBS codes), 12 provinces, 21 water boards, ministries and other public bodies, with their domains" },
  us: { file: "us/register.csv", description: "US .gov registry (CISA): federal, state, county and city bodies with their domains" },
} as const;

export type BuiltinRegister = keyof typeof BUILTIN_REGISTERS;

export function isBuiltinRegister(name: string): name is BuiltinRegister {
  return Object.hasOwn(BUILTIN_REGISTERS, name);
}

export function builtinRegisterPath(name: BuiltinRegister): string {
  return fileURLToPath(new URL(`../../data/registers/${BUILTIN_REGISTERS[name].file}`, import.meta.url));
}

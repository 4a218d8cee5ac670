// Parses a command's arguments: node's parseArgs in strict mode with positionals and -h/--help;
// a mistake in the arguments becomes a usage error (exit 2, one line).

import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.ts";

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

export function parseCommand<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { ...HELP_OPTION, ...options } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Prints the help text when asked for; the caller then returns exit code 0. */
export function wantsHelp(values: { help?: boolean | undefined }, help: string): boolean {
  if (values.help) process.stdout.write(help);
  return values.help === true;
}

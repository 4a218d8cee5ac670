// A problem with an RPKI data file, naming the file and line so the operator can fix it.

export class RpkiDataError extends Error {
  readonly source: string;
  readonly line: number | undefined;

  constructor(source: string, line: number | undefined, message: string) {
    super(line === undefined ? `${source}: ${message}` : `${source}, line ${line}: ${message}`);
    this.source = source;
    this.line = line;
  }
}

// Typed-array columns that grow while a file is parsed (doubling, like a vector), so that a
// table of a million rows costs a few bytes a row instead of an object each.

type TypedColumn = Uint8Array | Uint16Array | Uint32Array;

export class GrowableColumn<T extends TypedColumn> {
  private data: T;
  length = 0;
  private readonly make: (size: number) => T;

  constructor(make: (size: number) => T, initial = 1024) {
    this.make = make;
    this.data = make(initial);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** The filled part, copied into an array of exactly that size. */
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const u8 = (initial?: number) => new GrowableColumn((n) => new Uint8Array(n), initial);
export const u16 = (initial?: number) => new GrowableColumn((n) => new Uint16Array(n), initial);
export const u32 = (initial?: number) => new GrowableColumn((n) => new Uint32Array(n), initial);

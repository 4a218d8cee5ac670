// Reads an async iterable (the store's streamed listings) into an array, for assertions.

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}

/** `fn` over `items` with at most `limit` in flight, results in order. */
export async function mapPooled<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** `fn(0)` … `fn(count − 1)` with at most `limit` in flight. */
export async function forEachPooled(count: number, limit: number, fn: (i: number) => Promise<unknown>) {
  await mapPooled(
    Array.from({ length: count }, (_, i) => i),
    limit,
    fn,
  );
}

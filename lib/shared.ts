/**
 * Results shared between requests for `ttlMs`, by key: callers within the TTL of a load get its
 * promise (callers during a load wait for the same one), so a burst of requests costs one load.
 * A rejected load is not kept (the next call loads again). Past `max` keys all are dropped (a
 * bound, not an LRU: the keys are a few views at a time). `forget()` drops everything.
 */
export function sharedBy<T>(ttlMs: number, options: { max?: number; clock?: () => number } = {}) {
  const { max = 500, clock = Date.now } = options;
  const kept = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const now = clock();
      const hit = kept.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      if (kept.size >= max) kept.clear();
      const entry = { at: now, value: load() };
      kept.set(key, entry);
      entry.value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return entry.value;
    },
    forget(): void {
      kept.clear();
    },
  };
}

/** `load`'s one result, shared as sharedBy shares a key's; `forget()` drops it. */
export function sharedFor<T>(ttlMs: number, load: () => Promise<T>, clock: () => number = Date.now) {
  const shared = sharedBy<T>(ttlMs, { clock });
  return Object.assign(() => shared.get("", load), { forget: shared.forget });
}

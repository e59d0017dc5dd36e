/**
 * `load`'s result, shared by every call within `ttlMs` of the load that made it: callers during
 * a load wait for the same promise, so a burst of requests costs one load. A rejected load is
 * not kept (the next call loads again). `forget()` drops the kept result.
 */
export function sharedFor<T>(ttlMs: number, load: () => Promise<T>, clock: () => number = Date.now) {
  let kept: { at: number; value: Promise<T> } | undefined;
  const get = (): Promise<T> => {
    const now = clock();
    if (kept && now - kept.at < ttlMs) return kept.value;
    const entry = { at: now, value: load() };
    kept = entry;
    entry.value.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return entry.value;
  };
  return Object.assign(get, {
    forget: () => {
      kept = undefined;
    },
  });
}

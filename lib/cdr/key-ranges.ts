// The natural-key ranges of a source's loaded imports (cdr_import.min_natural_key /
// max_natural_key), for the loader's question "may a call of this batch be in cdr already?".
// Natural keys lead with the call's start (migration 20261126110800_cdr_time_led_natural_keys),
// so an import's range spans its export's period, and a new export's batches meet none.

/** One import's range; a bound is null when the import has calls but no recorded range (read as unbounded). */
export interface KeyRange {
  min: string | null;
  max: string | null;
}

/** Sorted, merged ranges: `meets` is a binary search. */
export class KeyRanges {
  private readonly mins: string[] = [];
  private readonly maxes: (string | null)[] = [];

  constructor(ranges: readonly KeyRange[]) {
    // An unknown bound makes the range reach everything on that side ("" sorts first): stage
    // rather than risk a duplicate key on the direct COPY, which would fail the whole import.
    const sorted = ranges
      .map((r) => ({ min: r.min ?? "", max: r.max }))
      .sort((a, b) => (a.min < b.min ? -1 : a.min > b.min ? 1 : 0));
    for (const r of sorted) {
      const last = this.maxes.length - 1;
      const lastMax = last >= 0 ? this.maxes[last] : undefined;
      if (lastMax !== undefined && (lastMax === null || r.min <= lastMax)) {
        if (lastMax !== null && (r.max === null || r.max > lastMax)) this.maxes[last] = r.max;
        continue;
      }
      this.mins.push(r.min);
      this.maxes.push(r.max);
    }
  }

  /** Whether [min, max] (a batch's lowest and highest key) overlaps a loaded import's range. */
  meets(min: string, max: string): boolean {
    // The last merged range starting at or before `max` is the only one that can reach `min`.
    let lo = 0;
    let hi = this.mins.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mins[mid]! <= max) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return false;
    const reach = this.maxes[lo - 1]!;
    return reach === null || reach >= min;
  }
}

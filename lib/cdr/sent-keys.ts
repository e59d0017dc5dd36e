// The natural keys an import has sent so far, for the loader's one question about a new batch of
// rows: could one of them repeat a call this file already sent? Those rows are in the import's own
// transaction, which no other connection can see before COMMIT, so the loader keeps the answer
// itself: a Bloom filter (Bloom 1970; two hashes combined as Kirsch & Mitzenmacher, "Less hashing,
// same performance", 2006). It never misses a key it was given; a false "maybe" only sends a batch
// the careful way (through cdr_stage), never loses or repeats a row.
// A key is the start's wall clock in 10 hex digits, then 32 hex digits (128 bits) of sha256 over
// fields that include the start (normalise.ts naturalKey): those bits are already uniform, so the
// filter reads its hashes from them instead of hashing again.

/** Keys per filter; a larger import chains more filters of the same size. */
const KEYS_PER_FILTER = 1 << 20;
/**
 * 32 bits a key (4 MB a filter), a power of two so that a probe's bit is its hash masked: the
 * probes stay 32-bit integers (a `%` of an unsigned hash past 2³¹ is floating-point arithmetic in
 * V8). 16 probes: a false "maybe" at a full filter is (1 − e^(−16/32))¹⁶ ≈ 3.4e-7 a key, so a batch
 * of 20,000 new keys meets one with odds under 1%; the optimum, 22 probes, would buy 2e-7 for 6
 * more memory reads a key.
 */
const BITS = KEYS_PER_FILTER * 32;
const MASK = BITS - 1;
const PROBES = 16;
/** Hex digit values by char code; -1 for anything else. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = i;

/** The filter's two hashes, from key characters 10–25 (the sha256 part), or false: not a natural key. */
const hashes = new Int32Array(2);
function readHashes(key: string): boolean {
  if (key.length !== 42) return false;
  let h1 = 0;
  let h2 = 0;
  for (let i = 10; i < 18; i++) {
    const a = HEX[key.charCodeAt(i)] ?? -1;
    const b = HEX[key.charCodeAt(i + 8)] ?? -1;
    if (a < 0 || b < 0) return false;
    h1 = (h1 << 4) | a;
    h2 = (h2 << 4) | b;
  }
  hashes[0] = h1;
  hashes[1] = h2 | 1; // odd: the probes, modulo a power of two, then never repeat early
  return true;
}

class Filter {
  readonly bits = new Uint32Array(BITS / 32);
  size = 0;

  /** Sets the key's bits; true when all of them were set already. */
  testAndAdd(h1: number, h2: number): boolean {
    let all = true;
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const bit = h & MASK;
      const word = this.bits[bit >>> 5] ?? 0;
      const mask = 1 << (bit & 31);
      if ((word & mask) === 0) {
        all = false;
        this.bits[bit >>> 5] = word | mask;
      }
    }
    this.size++;
    return all;
  }

  has(h1: number, h2: number): boolean {
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const bit = h & MASK;
      if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

export class SentKeys {
  private readonly filters: Filter[] = [];
  /** Keys not in natural-key form (none from the parser): kept exactly. */
  private readonly others = new Set<string>();

  /**
   * Adds the key. Returns false when it was certainly never added before; true when it was, or
   * (rarely) on a false alarm.
   */
  add(key: string): boolean {
    if (!readHashes(key)) {
      const had = this.others.has(key);
      this.others.add(key);
      return had;
    }
    const h1 = hashes[0] ?? 0;
    const h2 = hashes[1] ?? 1;
    let target = this.filters.at(-1);
    if (target === undefined || target.size >= KEYS_PER_FILTER) this.filters.push((target = new Filter()));
    let seen = false;
    for (const filter of this.filters) if (filter !== target && filter.has(h1, h2)) seen = true;
    return target.testAndAdd(h1, h2) || seen;
  }
}

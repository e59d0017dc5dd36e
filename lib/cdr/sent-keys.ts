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
 * False "maybe" rate per key: a batch of 20,000 new keys then meets one with odds of about 2%.
 * Bits per key −ln p / (ln 2)² ≈ 28.8, probes k = bits per key · ln 2 ≈ 20: 3.6 MB a filter.
 */
const FALSE_RATE = 1e-6;
const BITS = Math.ceil((KEYS_PER_FILTER * -Math.log(FALSE_RATE)) / Math.LN2 ** 2);
const PROBES = Math.round((BITS / KEYS_PER_FILTER) * Math.LN2);
const HEX_KEY = /^[0-9a-f]{42}$/;

class Filter {
  readonly bits = new Uint32Array(Math.ceil(BITS / 32));
  size = 0;

  add(h1: number, h2: number): void {
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) >>> 0) {
      const bit = h % BITS;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    this.size++;
  }

  has(h1: number, h2: number): boolean {
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) >>> 0) {
      const bit = h % BITS;
      if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

export class SentKeys {
  private readonly filters: Filter[] = [];
  /** Keys not in natural-key form (none from the parser): kept exactly. */
  private readonly others = new Set<string>();

  /** False: certainly never added. True: added, or (rarely) a false alarm. */
  mayHave(key: string): boolean {
    if (!HEX_KEY.test(key)) return this.others.has(key);
    const h1 = Number.parseInt(key.slice(10, 18), 16);
    const h2 = Number.parseInt(key.slice(18, 26), 16) | 1; // odd: the probes then never repeat early
    return this.filters.some((f) => f.has(h1, h2));
  }

  add(key: string): void {
    if (!HEX_KEY.test(key)) {
      this.others.add(key);
      return;
    }
    let last = this.filters.at(-1);
    if (last === undefined || last.size >= KEYS_PER_FILTER) this.filters.push((last = new Filter()));
    last.add(Number.parseInt(key.slice(10, 18), 16), Number.parseInt(key.slice(18, 26), 16) | 1);
  }
}

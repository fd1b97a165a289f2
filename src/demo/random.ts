// Seeded pseudo-random numbers for the demo: the same seed gives the same data, byte for byte.
// mulberry32 for streams, a 32-bit mixer to derive independent seeds (per province, per member),
// and a keyed permutation to hand out unique but random-looking numbers (citizen IDs, card numbers).

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The murmur3 finalizer: spreads the bits of a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes integers into one 32-bit seed (order matters). */
export function hash32(...values: number[]): number {
  let h = 0x9747b28c;
  for (const v of values) {
    // Fold in the low and the high 32 bits so that values above 2^32 still count.
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    h = fmix32(h ^ lo) + 0x6b43a9b5;
    h = fmix32(h ^ hi);
  }
  return h >>> 0;
}

/** FNV-1a of a string, for seeding by a code or a label. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A table of values with weights, drawn by binary search on the cumulative weights. */
export class Weighted<T> {
  readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('Weighted: empty table');
    this.values = entries.map(([v]) => v);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`Weighted: bad weight ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('Weighted: total weight is zero');
    this.total = sum;
  }

  /** The value for a uniform draw u in [0, 1). */
  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/** A seeded stream with the draws the generator needs. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    if (max < min) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(table: Weighted<T>): T {
    return table.at(this.next());
  }

  /** Approximately normal (mean 0, sd 1): the sum of four uniforms, cheap and bounded (±3.46). */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }

  /** A random order of the items (Fisher–Yates), as a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/**
 * A keyed permutation of [0, domain): a balanced Feistel network on the smallest even number of bits
 * that covers the domain, with cycle walking. Distinct indexes give distinct results, so a counter
 * becomes a unique, random-looking number (domain up to 2^52).
 */
export function permute(index: number, domain: number, key: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= domain) throw new RangeError(`permute: ${index} not in [0, ${domain})`);
  let bits = Math.max(2, Math.ceil(Math.log2(domain)));
  if (bits % 2) bits++;
  const half = bits / 2;
  const size = 2 ** half;
  let x = index;
  do {
    let left = Math.floor(x / size);
    let right = x % size;
    for (let round = 0; round < 4; round++) {
      const f = hash32(right, key, round) % size;
      const next = (left + f) % size;
      left = right;
      right = next;
    }
    x = left * size + right;
  } while (x >= domain);
  return x;
}

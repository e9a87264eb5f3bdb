/**
 * A small, fast, seeded pseudo-random number generator for the ledger generator: sfc32 (Chris Doty-
 * Humphrey's Small Fast Counting generator, 128 bits of state, passes PractRand to 2^40+), seeded
 * through splitmix32. Pure 32-bit integer arithmetic, so a seed gives the same sequence on every
 * machine and in every time zone. Not for cryptography.
 *
 * The continuous draws (normal, lognormal, exponential) use only `Math.log` and `Math.sqrt`, which V8
 * computes with its own portable routines (fdlibm): the same Node version gives the same values on
 * every platform. Amounts drawn from them are rounded to the cent by the generator.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit counter. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seeded generator. Every method advances the same stream. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  /**
   * @param seed any number; its 32-bit integer part (and, for seeds beyond 2^32, the high part) seeds
   *   the state. Two different 32-bit seeds give unrelated streams.
   */
  constructor(seed: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    this.a = splitmix32(lo);
    this.b = splitmix32(this.a ^ hi);
    this.c = splitmix32(this.b ^ 0x6a09e667);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform whole number in [low, high] (both included). */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Marsaglia's polar method; only log and sqrt). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** A lognormal draw with the given median and log-standard deviation sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** The index of a draw from non-negative weights (linear scan: for short lists). */
  pick(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** One element of a list, uniformly. */
  choice<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/**
 * The index of the first cumulative weight above `u` in an increasing array (binary search): draws from
 * many weights in O(log n) once their running sums are known.
 * @param cumulative running sums of the weights, increasing; `u` in [0, cumulative[n - 1])
 */
export function searchCumulative(cumulative: ArrayLike<number>, n: number, u: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

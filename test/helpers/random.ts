/** A small deterministic generator, so a failure names a case that can be replayed: each call gives 0..k-1. */
export function generator(seed: number): (k: number) => number {
  let s = seed;
  return (k) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % k;
  };
}

/**
 * A deterministic generator (mulberry32) for the tests that compare a hand-written scanner with
 * the regex it replaced on generated text: the same seed gives the same strings on every run,
 * so a failure names a string that can be rebuilt.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

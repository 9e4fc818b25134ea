// kernel/rng.ts — the seeded pseudo-random source kept inside the world (mulberry32).
// The only randomness in the pure layers: same seed, same world, byte for byte.
// The pure layers draw every random number from here, never from the platform.

/** Advances the generator: returns a uint32 and the next state. */
export function nextU32(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let r = Math.imul(next ^ (next >>> 15), next | 1);
  r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
  return [(r ^ (r >>> 14)) >>> 0, next];
}

/** `n` random bytes and the next state. */
export function randomBytes(state: number, n: number): [bytes: number[], next: number] {
  const out: number[] = [];
  let s = state;
  while (out.length < n) {
    const [v, ns] = nextU32(s);
    s = ns;
    for (let i = 0; i < 4 && out.length < n; i++) out.push((v >>> (i * 8)) & 0xff);
  }
  return [out, s];
}

/** `n` lowercase hex characters and the next state. */
export function randomHex(state: number, n: number): [hex: string, next: number] {
  const [bytes, s] = randomBytes(state, Math.ceil(n / 2));
  return [
    bytes
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .slice(0, n),
    s,
  ];
}

/** A seed mixed from a user-supplied number, so that seeds 1 and 2 give unrelated streams. */
export function seedFrom(n: number): number {
  let h = (n ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

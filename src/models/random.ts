/** A small seeded PRNG, so that k-means and its samples give the same answer for the same seed. */

/** mulberry32: a 32-bit state generator returning uniforms in [0, 1). Not for cryptography. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `size` distinct indices from 0..n−1 in random order (all of them if size ≥ n). */
export function sampleIndices(n: number, size: number, random: () => number): Uint32Array {
	const count = Math.min(n, size);
	const pool = new Uint32Array(n);
	for (let i = 0; i < n; i++) pool[i] = i;
	// Partial Fisher–Yates: only the first `count` slots are shuffled.
	for (let i = 0; i < count; i++) {
		const j = i + Math.floor(random() * (n - i));
		const swap = pool[i];
		pool[i] = pool[j];
		pool[j] = swap;
	}
	return pool.slice(0, count);
}

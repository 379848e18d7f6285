/**
 * Stands in for apache-arrow's `builder/valid.mjs` (aliased in vite.config.ts): Arrow compiles
 * its builders' null test with `new Function`, which the page's Content-Security-Policy refuses
 * in the engine worker. The same test, without compiling code.
 */
export function createIsValidFunction(
	nullValues?: readonly unknown[]
): (value: unknown) => boolean {
	if (!nullValues || nullValues.length <= 0) return () => true;
	// SameValueZero: NaN matches NaN, as Arrow's explicit `x !== x` check does.
	const nulls = new Set(nullValues);
	return (value) => !nulls.has(value);
}

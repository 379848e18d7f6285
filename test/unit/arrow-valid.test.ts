/**
 * Our stand-in for Arrow's builders' null test (aliased in vite.config.ts, since Arrow compiles
 * its own with `new Function`, which the Content-Security-Policy refuses) answers as Arrow's does.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error Arrow ships this module without types.
import { createIsValidFunction as arrows } from '../../node_modules/apache-arrow/builder/valid.mjs';
import { createIsValidFunction as ours } from '../../src/lib/arrow-valid';
import { vectorFromArray } from 'apache-arrow';

const VALUES = [null, undefined, 'N/A', '', 'x', NaN, 0, -0, 1, 1n, true, false];

describe('the null test of Arrow builders', () => {
	it.each([[[]], [[null]], [[null, undefined]], [[null, 'N/A', NaN]], [[0, '']], [[1n, false]]])(
		'with null values %s answers as Arrow does',
		(nulls) => {
			const [a, b] = [arrows(nulls), ours(nulls)];
			for (const value of VALUES) expect(b(value), String(value)).toBe(a(value));
		}
	);

	it('builds vectors without compiling code', () => {
		const vector = vectorFromArray(['a', null, 'b']);
		expect(vector.nullCount).toBe(1);
		expect(vector.toArray()).toEqual(['a', null, 'b']);
	});
});

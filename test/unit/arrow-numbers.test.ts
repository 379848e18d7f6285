/** Arrow columns as the fits read them: every numeric type as doubles, NULL as 0. */
import { describe, expect, it } from 'vitest';
import { Float64, Int32, Int64, makeVector, vectorFromArray } from 'apache-arrow';
import { doublesOf } from '../../src/lib/arrow-numbers';

describe('doublesOf', () => {
	it('reads doubles, small and big integers as the same numbers', () => {
		expect([...doublesOf(makeVector(Float64Array.from([1.5, -2, 3e9])))]).toEqual([1.5, -2, 3e9]);
		expect([...doublesOf(vectorFromArray([7, -8, 9], new Int32()))]).toEqual([7, -8, 9]);
		expect([...doublesOf(vectorFromArray([10n, -11n], new Int64()))]).toEqual([10, -11]);
	});

	it('reads NULL as 0', () => {
		expect([...doublesOf(vectorFromArray([1.25, null, 3], new Float64()))]).toEqual([1.25, 0, 3]);
		expect([...doublesOf(vectorFromArray([null, 4], new Int32()))]).toEqual([0, 4]);
	});
});

import { describe, expect, it } from 'vitest';
import { keyColours } from '../../src/ui/tables/key-colours';
import { clusterColour, colourOf } from '../../src/analyses/palette';

describe('colour chips in result tables', () => {
	it('colour segment and stage keys as the charts do, and nothing else', () => {
		const chips = keyColours(['customer_id', 'segment', 'stage_before', 'monetary']);
		const row = ['C1', 'champions', 'at_risk', 12.5];
		expect(chips.map((chip) => chip?.(row) ?? null)).toEqual([
			null,
			colourOf('champions'),
			colourOf('at_risk'),
			null
		]);
		expect(chips[1]!(['C2', null, null, 0])).toBeNull();
	});

	it('colour a cluster by its number, its name column too', () => {
		const chips = keyColours(['customer_id', 'cluster', 'cluster_name']);
		expect(chips[1]!(['C1', 3, 'renamed'])).toBe(clusterColour(3));
		expect(chips[2]!(['C1', 3, 'renamed'])).toBe(clusterColour(3));
		// Without the number (a SQL cell that kept only names) there is nothing to go by.
		expect(keyColours(['cluster_name'])[0]).toBeNull();
	});
});

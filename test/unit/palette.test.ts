import { describe, expect, it } from 'vitest';
import {
	clusterColour,
	clusterColourScale,
	colourOf,
	inkOn,
	keyedColourScale
} from '../../src/analyses/palette';
import { SEGMENT_KEYS } from '../../src/analyses/labels';
import { STAGES } from '../../src/analyses/lifecycle/query';
import { CLASSIC_RULES, CN8_CLASSES } from '../../src/analyses/rfm/segments';

describe('one colour per group', () => {
	it('gives every segment of a map, and every stage, a colour of its own', () => {
		for (const keys of [
			CLASSIC_RULES.map((r) => r.key),
			CN8_CLASSES.map((r) => r.key),
			[...STAGES]
		]) {
			expect(new Set(keys.map(colourOf)).size, keys.join(',')).toBe(keys.length);
		}
		for (const key of SEGMENT_KEYS) expect(colourOf(key)).toMatch(/^#[0-9A-F]{6}$/i);
	});

	it('keeps a key’s colour whatever the language or order of the rows', () => {
		const en = keyedColourScale(
			[
				{ segment: 'lost', segment_label: 'Lost' },
				{ segment: 'champions', segment_label: 'Champions' }
			],
			'segment'
		);
		const zh = keyedColourScale(
			[
				{ segment: 'champions', segment_label: '冠军客户' },
				{ segment: 'lost', segment_label: '已流失客户' }
			],
			'segment'
		);
		expect(en).toEqual({
			domain: ['Lost', 'Champions'],
			range: [colourOf('lost'), colourOf('champions')]
		});
		expect(zh.range).toEqual([colourOf('champions'), colourOf('lost')]);
		expect(colourOf('my own segment')).toBe(colourOf('my own segment'));
	});

	it('writes dark text on light colours and white on dark ones', () => {
		expect(inkOn('#DDDDDD')).toBe('#1d2330');
		expect(inkOn('#332288')).toBe('#ffffff');
	});
});

describe('one colour per cluster', () => {
	it('gives each of twelve clusters its own colour, numbered names included', () => {
		const colours = Array.from({ length: 12 }, (_, i) => clusterColour(i + 1));
		expect(new Set(colours).size).toBe(12);
		for (const c of colours) expect(c).toMatch(/^#[0-9A-F]{6}$/i);
		expect(colourOf('cluster_3')).toBe(clusterColour(3));
	});

	it('colours by the cluster’s number, whatever its name, language or the order of the rows', () => {
		const en = clusterColourScale([
			{ cluster: 2, cluster_name_label: 'Lapsed, rare, low spend' },
			{ cluster: 1, cluster_name_label: 'Recent, frequent, high spend' },
			{ cluster: 2, cluster_name_label: 'Lapsed, rare, low spend' }
		]);
		expect(en).toEqual({
			domain: ['Recent, frequent, high spend', 'Lapsed, rare, low spend'],
			range: [clusterColour(1), clusterColour(2)]
		});
		// Renamed, or a sample where cluster 1 is missing: cluster 2 keeps its colour.
		expect(clusterColourScale([{ cluster: 2, cluster_name_label: 'VIP' }])).toEqual({
			domain: ['VIP'],
			range: [clusterColour(2)]
		});
	});
});

import { describe, expect, it } from 'vitest';
import { fitTitles, textWidth, wrapTitle } from '../../src/ui/charts/fit-titles';
import { labelLines } from '../../src/analyses/chart-types';

describe('chart titles that fit', () => {
	it('keeps a short title and breaks a long one at spaces, every line within the limit', () => {
		expect(wrapTitle('Revenue', 100)).toBe('Revenue');
		const lines = wrapTitle(
			'Recency t_x: weeks from first to last purchase (bins of 4)',
			200
		) as string[];
		expect(lines.join(' ')).toBe('Recency t_x: weeks from first to last purchase (bins of 4)');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(200);
	});

	it('breaks Chinese between characters, keeping punctuation with the character before it', () => {
		const lines = wrapTitle('截至当时的累计复购次数（按购买日计）', 100) as string[];
		expect(lines.join('')).toBe('截至当时的累计复购次数（按购买日计）');
		for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(100);
		expect(lines.some((l) => l.startsWith('）'))).toBe(false);
	});

	it('wraps axis and legend titles in layers, leaves tooltips alone, and moves legends below on a phone', () => {
		const long = 'A title far too long for the narrow chart it labels on a phone';
		const spec = {
			layer: [
				{
					encoding: {
						x: { field: 'a', title: long },
						y: { field: 'b', title: long },
						tooltip: [{ field: 'a', title: long }]
					}
				}
			],
			encoding: { color: { field: 'c', legend: { title: long } } }
		};
		const fitted = fitTitles(spec, 320) as unknown as {
			layer: {
				encoding: { x: { title: unknown }; y: { title: unknown }; tooltip: { title: unknown }[] };
			}[];
			encoding: { color: { legend: { title: unknown } } };
			config: { legend: { orient: string }; axisY: { labelExpr: string } };
		};
		expect(Array.isArray(fitted.layer[0].encoding.x.title)).toBe(true);
		expect(Array.isArray(fitted.layer[0].encoding.y.title)).toBe(true);
		expect(fitted.layer[0].encoding.tooltip[0].title).toBe(long);
		expect(Array.isArray(fitted.encoding.color.legend.title)).toBe(true);
		expect(fitted.config.legend.orient).toBe('bottom');
		expect(fitted.config.axisY.labelExpr).toContain('split');
		// The original spec is untouched.
		expect(spec.layer[0].encoding.x.title).toBe(long);
		expect('config' in fitTitles(spec, 900)).toBe(false);
	});

	it('makes room below the plot for a colour legend on a phone, by its number of entries', () => {
		const rows = ['a', 'b', 'c', 'a'].map((k) => ({ k, v: 1 }));
		const spec = {
			height: 260,
			data: { values: rows },
			layer: [{ mark: 'point', encoding: { color: { field: 'k', type: 'nominal' } } }]
		};
		expect((fitTitles(spec, 320) as { height: number }).height).toBe(260 + 3 * 16);
		expect((fitTitles(spec, 900) as { height: number }).height).toBe(260);
	});

	it('breaks a long y label in two lines near its middle, never three', () => {
		expect(labelLines('Champions')).toBe(1);
		// 15 characters: "Can't" | "Lose Them" (the last space in the first 9 characters).
		expect(labelLines("Can't Lose Them")).toBe(2);
		expect(labelLines('Potential Loyalist')).toBe(2);
		// Chinese has no spaces: one line, which the axis's label limit shortens if it must.
		expect(labelLines('重要价值客户重要价值客户重要价值')).toBe(1);
	});

	it('gives a nominal y axis with broken labels the height its lines need on a phone', () => {
		const names = ['Champions', "Can't Lose Them", 'Potential Loyalist', 'Lost'];
		const spec = {
			height: 100,
			data: { values: names.map((name) => ({ name, v: 1 })) },
			mark: 'bar',
			encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'v', type: 'quantitative' } }
		};
		// 4 categories × (2 lines × 13 px + 10 px between) + 60 px for the x axis.
		expect((fitTitles(spec, 320) as { height: number }).height).toBe(4 * (2 * 13 + 10) + 60);
		expect((fitTitles(spec, 900) as { height: number }).height).toBe(100);
	});
});

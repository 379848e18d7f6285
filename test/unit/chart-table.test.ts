import { describe, expect, it } from 'vitest';
import { chartTable } from '../../src/ui/charts/chart-table';

describe("a chart's text alternative", () => {
	it('lists the fields its encodings draw, titled as on the chart, with the rows', () => {
		const spec = {
			data: {
				values: [
					{ segment_label: 'Champions', customers: 12, extra: 1 },
					{ segment_label: 'Lost', customers: 30, extra: 2 }
				]
			},
			encoding: { y: { field: 'segment_label', title: null } },
			layer: [
				{
					mark: 'bar',
					encoding: {
						x: { field: 'customers', title: ['Customers', '(count)'] },
						tooltip: [{ field: 'extra' }, { field: 'segment_label', title: 'Segment' }]
					}
				}
			]
		};
		expect(chartTable(spec)).toEqual({
			columns: [
				{ field: 'segment_label', title: 'Segment', temporal: false },
				{ field: 'customers', title: 'Customers (count)', temporal: false }
			],
			rows: spec.data.values,
			total: 2
		});
	});

	it('finds rows inlined in a layer', () => {
		const table = chartTable({
			layer: [
				{ mark: 'rule' },
				{
					data: { values: [{ t: 0, n: 1 }] },
					encoding: { x: { field: 't', type: 'temporal', title: 'When' }, y: { field: 'n' } }
				}
			]
		});
		expect(table.total).toBe(1);
		expect(table.columns).toEqual([
			{ field: 'n', title: 'n', temporal: false },
			{ field: 't', title: 'When', temporal: true }
		]);
	});

	it('names facet fields, leaves out fields no row has, and keeps the first 100 rows', () => {
		const values = Array.from({ length: 150 }, (_, i) => ({ d: 'recency', bin: i, n: i * 2 }));
		const table = chartTable({
			data: { values },
			facet: { row: { field: 'd' } },
			spec: { encoding: { x: { field: 'bin' }, y: { field: 'n' }, color: { field: 'missing' } } }
		});
		expect(table.columns.map((c) => c.field)).toEqual(['n', 'bin', 'd']);
		expect(table.rows).toHaveLength(100);
		expect(table.total).toBe(150);
	});
});

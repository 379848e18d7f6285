/**
 * The rehearsal's made-up order log: the same for the same seed, and shaped to run every path a
 * real file takes (counted here from the text itself).
 */
import { describe, expect, it } from 'vitest';
import { practiceOrderChunks } from '../../src/engine/practice-orders';

const practiceOrdersCsv = (rows: number, seed?: number, chunkLines?: number) =>
	[...practiceOrderChunks(rows, seed, chunkLines)].join('');

describe('practiceOrderChunks', () => {
	const text = practiceOrdersCsv(20_000);
	const [header, ...lines] = text.trimEnd().split('\n');
	const fields = lines.map((l) => l.split(','));

	it('is the same for the same seed and differs for another', () => {
		expect(practiceOrdersCsv(20_000)).toBe(text);
		expect(practiceOrdersCsv(20_000, 8)).not.toBe(text);
	});

	it('is the same text in pieces of any size, each piece whole lines', () => {
		const pieces = [...practiceOrderChunks(20_000, 7, 1_000)];
		expect(pieces.join('')).toBe(text);
		expect(pieces.length).toBeGreaterThanOrEqual(19);
		expect(pieces.every((piece) => piece.endsWith('\n'))).toBe(true);
		expect(pieces.slice(0, -1).every((piece) => piece.split('\n').length - 1 >= 1_000)).toBe(true);
	});

	it('has the rows asked for (a copied line may add one) under the usual header', () => {
		expect(header).toBe('order_id,customer_id,order_date,amount,product_id,quantity');
		expect(lines.length).toBeGreaterThanOrEqual(20_000);
		expect(lines.length).toBeLessThanOrEqual(20_002);
		expect(fields.every((f) => f.length === 6)).toBe(true);
	});

	it('holds repeat buyers, multi-line orders, refunds and rows to set aside', () => {
		const orders = new Map<string, Set<string>>();
		for (const [order, customer] of fields) {
			if (customer) orders.set(customer, (orders.get(customer) ?? new Set()).add(order));
		}
		const repeatBuyers = [...orders.values()].filter((o) => o.size > 1).length;
		expect(repeatBuyers).toBeGreaterThan(orders.size / 4);
		const linesPerOrder = new Map<string, number>();
		for (const [order] of fields) linesPerOrder.set(order, (linesPerOrder.get(order) ?? 0) + 1);
		expect([...linesPerOrder.values()].some((n) => n > 1)).toBe(true);
		expect(fields.filter((f) => f[3].startsWith('-')).length).toBeGreaterThan(100);
		expect(fields.filter((f) => f[1] === '').length).toBeGreaterThan(10);
		expect(fields.filter((f) => f[2] === 'n/a').length).toBeGreaterThan(5);
		expect(new Set(lines).size).toBeLessThan(lines.length);
		// Dates across two years, written as a typical export writes them.
		const dates = fields.map((f) => f[2]).filter((d) => d !== 'n/a');
		expect(dates.every((d) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(d))).toBe(true);
		expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(['2023', '2024']));
	});

	it('is in time order with customers interleaved, as an export is', () => {
		const dates = fields.map((f) => f[2]).filter((d) => d !== 'n/a');
		expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d)).toBe(true);
		// A customer's lines are spread over the log, not written one block per customer.
		const spans = new Map<string, [number, number]>();
		fields.forEach(([, customer], i) => {
			if (customer) spans.set(customer, [spans.get(customer)?.[0] ?? i, i]);
		});
		const spread = [...spans.values()].filter(
			([first, last]) => last - first > lines.length / 10
		).length;
		expect(spread).toBeGreaterThan(spans.size / 4);
	});
});

import { describe, expect, it } from 'vitest';
import {
	MAX_CONTENT_PX,
	columnWidths,
	contentHeight,
	drawnOffset,
	keyTarget,
	maxTop,
	rowsInView,
	scrollFromTop,
	scrollRatio,
	topFromScroll,
	windowsFor,
	windowsToKeep
} from '../../src/ui/tables/virtual-rows';

const ROW = 28;
const VIEW = 280; // ten rows

describe('the rows a scroll position shows', () => {
	it('shows the rows under the view and draws the overscan around them', () => {
		expect(rowsInView(0, VIEW, ROW, 1000, 5)).toEqual({ first: 0, last: 10, start: 0, stop: 15 });
		// Half-way into row 100: rows 100..110 are (partly) on screen.
		expect(rowsInView(100 * ROW + 14, VIEW, ROW, 1000, 5)).toEqual({
			first: 100,
			last: 111,
			start: 95,
			stop: 116
		});
		expect(rowsInView(maxTop(1000, ROW, VIEW), VIEW, ROW, 1000, 5)).toEqual({
			first: 990,
			last: 1000,
			start: 985,
			stop: 1000
		});
	});

	it('draws every row of a short table and nothing of an empty one', () => {
		expect(rowsInView(0, VIEW, ROW, 3, 10)).toEqual({ first: 0, last: 3, start: 0, stop: 3 });
		expect(rowsInView(0, VIEW, ROW, 0, 10)).toEqual({ first: 0, last: 0, start: 0, stop: 0 });
		// A view past the end (the table shrank) still ends at the last row.
		expect(rowsInView(10_000 * ROW, VIEW, ROW, 50, 2).last).toBe(50);
	});

	it('scrolls one to one until the content is capped, then scales', () => {
		expect(contentHeight(1000, ROW)).toBe(28_000);
		expect(scrollRatio(1000, ROW, VIEW)).toBe(1);
		expect(topFromScroll(5_000, 1, maxTop(1000, ROW, VIEW))).toBe(5_000);
		// Ten million rows: 280 M px of rows on a capped scrollbar.
		const total = 10_000_000;
		expect(contentHeight(total, ROW)).toBe(MAX_CONTENT_PX);
		const ratio = scrollRatio(total, ROW, VIEW);
		expect(ratio).toBeCloseTo((total * ROW - VIEW) / (MAX_CONTENT_PX - VIEW), 9);
		// The scrollbar's end is the last row's end, and back again.
		const end = MAX_CONTENT_PX - VIEW;
		expect(topFromScroll(end, ratio, maxTop(total, ROW, VIEW))).toBeCloseTo(
			maxTop(total, ROW, VIEW),
			3
		);
		expect(rowsInView(maxTop(total, ROW, VIEW), VIEW, ROW, total, 0).last).toBe(total);
		expect(scrollFromTop(topFromScroll(1234, ratio, Infinity), ratio)).toBeCloseTo(1234, 6);
	});

	it('places the drawn rows so the top row meets the view at any scale', () => {
		// One to one: the first drawn row sits at its own position.
		expect(drawnOffset(2800, 2800, 95, ROW)).toBe(95 * ROW);
		// Scaled: scrollTop 1000 shows row-space 18,000 (row 642 and 24 px); drawn from row 632.
		const offset = drawnOffset(1000, 18_000, 632, ROW);
		const rowAtTop = offset + (642 - 632) * ROW;
		expect(rowAtTop - 1000).toBe(642 * ROW - 18_000);
		expect(offset).toBeLessThanOrEqual(1000);
	});
});

describe('the windows a view fetches and keeps', () => {
	it('fetches the windows of the drawn rows, those on screen first', () => {
		expect(windowsFor(0, 15, 100)).toEqual([0]);
		expect(windowsFor(95, 116, 100)).toEqual([0, 1]);
		expect(windowsFor(95, 116, 100, 100)).toEqual([1, 0]);
		expect(windowsFor(290, 520, 100, 400)).toEqual([4, 3, 5, 2]);
		expect(windowsFor(10, 10, 100)).toEqual([]);
	});

	it('keeps the drawn windows and a few either side; drops the far ones', () => {
		expect([...windowsToKeep(95, 116, 100, 2)]).toEqual([0, 1, 2, 3]);
		const far = windowsToKeep(99_985, 100_000, 100, 3);
		expect([...far]).toEqual([996, 997, 998, 999, 1000, 1001, 1002]);
		expect(far.has(0)).toBe(false);
	});
});

describe('keys', () => {
	const total = 1000;
	it('move by a row, a page, or to either end, and stay inside the table', () => {
		expect(keyTarget('ArrowDown', 0, VIEW, ROW, total)).toBe(ROW);
		expect(keyTarget('ArrowUp', 0, VIEW, ROW, total)).toBe(0);
		// A page is the view less one row, so one row stays in sight.
		expect(keyTarget('PageDown', 0, VIEW, ROW, total)).toBe(9 * ROW);
		expect(keyTarget('PageUp', 9 * ROW, VIEW, ROW, total)).toBe(0);
		expect(keyTarget('End', 0, VIEW, ROW, total)).toBe(total * ROW - VIEW);
		expect(keyTarget('Home', 5000, VIEW, ROW, total)).toBe(0);
		expect(keyTarget('PageDown', total * ROW - VIEW, VIEW, ROW, total)).toBe(total * ROW - VIEW);
		expect(keyTarget('ArrowLeft', 0, VIEW, ROW, total)).toBeNull();
	});

	it('step exactly one row at ten million rows too', () => {
		const big = 10_000_000;
		expect(keyTarget('ArrowDown', 5_000_000 * ROW, VIEW, ROW, big)).toBe(5_000_001 * ROW);
		// From a scrollbar position between rows: to the next whole row, or back to the hidden one.
		expect(keyTarget('ArrowDown', 5_000_000.7 * ROW, VIEW, ROW, big)).toBe(5_000_001 * ROW);
		expect(keyTarget('ArrowUp', 5_000_000.7 * ROW, VIEW, ROW, big)).toBe(5_000_000 * ROW);
		expect(keyTarget('ArrowUp', maxTop(big, ROW, VIEW) + 0, VIEW, ROW, big)).toBe((big - 11) * ROW);
	});
});

describe('column widths', () => {
	it('fit the header and the first rows (and a chip), within bounds, Chinese twice as wide', () => {
		expect(
			columnWidths(
				['id', 'segment'],
				[
					['1', 'champions'],
					['22', 'x']
				]
			)
		).toEqual([5, 11]);
		expect(columnWidths(['城市'], [['北京']])).toEqual([7]);
		expect(columnWidths(['note'], [['x'.repeat(100)]])).toEqual([32]);
	});

	it('never cut a header, however long', () => {
		const header = 'cumulative_revenue_per_customer';
		expect(columnWidths([header], [['1']])[0]).toBe(Math.ceil(header.length * 1.15) + 2);
	});
});

/**
 * The arithmetic of a virtual table: which rows a scroll position shows, which windows of rows to
 * fetch and keep, where the keys take the view. Pure, so it is tested in Node.
 *
 * Two coordinates: `top` is the view's top edge in row space (row i starts at i × rowHeight);
 * `scrollTop` is the scrollbar's. They are equal until the rows are taller than browsers lay out
 * (about 16.7 M px in Firefox, 33.5 M in Chromium); beyond that the content is capped and one
 * pixel of scrollbar stands for `scrollRatio` pixels of rows.
 */

/** The tallest content the table asks a browser to lay out, in CSS pixels. */
export const MAX_CONTENT_PX = 8_000_000;

/** The scrollable height for `total` rows: their height, capped at `max`. */
export function contentHeight(total: number, rowHeight: number, max = MAX_CONTENT_PX): number {
	return Math.min(Math.max(0, total) * rowHeight, max);
}

/** How many pixels of rows one pixel of scrollbar moves: 1 until the content is capped. */
export function scrollRatio(
	total: number,
	rowHeight: number,
	viewport: number,
	max = MAX_CONTENT_PX
): number {
	const full = Math.max(0, total) * rowHeight;
	const shown = contentHeight(total, rowHeight, max);
	if (full <= shown) return 1;
	return Math.max(0, full - viewport) / Math.max(1, shown - viewport);
}

/** The largest `top`: the last row's bottom at the view's bottom. */
export function maxTop(total: number, rowHeight: number, viewport: number): number {
	return Math.max(0, total * rowHeight - viewport);
}

/** `top` for a scrollbar position. */
export function topFromScroll(scrollTop: number, ratio: number, limit: number): number {
	return Math.min(Math.max(0, scrollTop * ratio), limit);
}

/** The scrollbar position that shows `top`. */
export function scrollFromTop(top: number, ratio: number): number {
	return top / ratio;
}

/** Rows a view shows: `first`..`last` (exclusive) are on screen, `start`..`stop` are drawn. */
export interface RowRange {
	first: number;
	last: number;
	start: number;
	stop: number;
}

/** The rows on screen at `top`, and those drawn with `overscan` more on each side. */
export function rowsInView(
	top: number,
	viewport: number,
	rowHeight: number,
	total: number,
	overscan: number
): RowRange {
	if (total <= 0 || rowHeight <= 0) return { first: 0, last: 0, start: 0, stop: 0 };
	const first = Math.min(total - 1, Math.max(0, Math.floor(top / rowHeight)));
	const last = Math.min(
		total,
		Math.max(first + 1, Math.ceil((top + Math.max(0, viewport)) / rowHeight))
	);
	return {
		first,
		last,
		start: Math.max(0, first - overscan),
		stop: Math.min(total, last + overscan)
	};
}

/**
 * Where the first drawn row (`start`) goes in the content, so that the row at `top` sits at the
 * view's top edge whatever the scale: equal to `start × rowHeight` while nothing is capped.
 */
export function drawnOffset(
	scrollTop: number,
	top: number,
	start: number,
	rowHeight: number
): number {
	return Math.max(0, scrollTop - top + start * rowHeight);
}

/** The windows of `size` rows that hold rows `start`..`stop` (exclusive), nearest `first` first. */
export function windowsFor(start: number, stop: number, size: number, first = start): number[] {
	if (stop <= start) return [];
	const from = Math.floor(start / size);
	const to = Math.floor((stop - 1) / size);
	const centre = Math.floor(first / size);
	const out: number[] = [];
	for (let w = from; w <= to; w++) out.push(w);
	return out.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b);
}

/**
 * The windows worth keeping once fetched: those drawn plus `spare` on each side (a person who
 * scrolls back finds them at once); the rest are dropped to bound memory.
 */
export function windowsToKeep(
	start: number,
	stop: number,
	size: number,
	spare: number
): Set<number> {
	const keep = new Set<number>();
	if (stop <= start) return keep;
	const from = Math.max(0, Math.floor(start / size) - spare);
	const to = Math.floor((stop - 1) / size) + spare;
	for (let w = from; w <= to; w++) keep.add(w);
	return keep;
}

/** The `top` a key moves the view to, or null for keys the table leaves to the browser. */
export function keyTarget(
	key: string,
	top: number,
	viewport: number,
	rowHeight: number,
	total: number
): number | null {
	const limit = maxTop(total, rowHeight, viewport);
	const rows = Math.max(1, Math.floor(viewport / rowHeight) - 1);
	const clamp = (row: number) => Math.min(Math.max(0, row * rowHeight), limit);
	// Moves go to whole rows, from the row at the top edge (partly hidden or not).
	const at = top / rowHeight;
	const below = Math.floor(at + 1e-6);
	const above = Math.ceil(at - 1e-6);
	switch (key) {
		case 'ArrowDown':
			return clamp(below + 1);
		case 'ArrowUp':
			return clamp(above - 1);
		case 'PageDown':
			return clamp(below + rows);
		case 'PageUp':
			return clamp(above - rows);
		case 'Home':
			return 0;
		case 'End':
			return limit;
		default:
			return null;
	}
}

/**
 * Columns keep the width of their first rows while the rest scroll by: about as many `ch`. A
 * header is never cut (bold, with room for the sort arrow); long values are, at `max`.
 */
export function columnWidths(
	columns: readonly string[],
	rows: readonly string[][],
	min = 4,
	max = 32
): number[] {
	const width = (s: string) => {
		let n = 0;
		// CJK characters take about two `ch`.
		for (const ch of s)
			n +=
				/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
					ch
				)
					? 2
					: 1;
		return n;
	};
	return columns.map((column, c) => {
		let values = 0;
		// One more for a colour chip.
		for (const row of rows) values = Math.max(values, width(row[c] ?? '') + 1);
		return Math.max(min, Math.ceil(width(column) * 1.15) + 2, Math.min(max, values));
	});
}

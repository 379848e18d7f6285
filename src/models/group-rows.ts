/** Merging identical rows, so that model loops run once per distinct row instead of per customer. */

/** Distinct rows of some numeric columns, each with the number of input rows it stands for. */
export interface GroupedRows {
	/** One array per input column, one entry per distinct row, in order of first appearance. */
	columns: Float64Array[];
	/** How many input rows each distinct row stands for. */
	counts: Float64Array;
	/** For each input row, the index of its distinct row. */
	groupOf: Uint32Array;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function hashRow(columns: readonly ArrayLike<number>[], row: number): number {
	let hash = 0;
	for (const column of columns) {
		bits[0] = column[row] + 0; // + 0 turns −0 into 0, so both land in one group
		hash = Math.imul(hash ^ words[0], 0x9e3779b1);
		hash = Math.imul(((hash << 13) | (hash >>> 19)) ^ words[1], 0x9e3779b1);
	}
	// murmur3's finaliser: numbers that differ only in high bits must differ in the low ones too.
	hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
	hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
	return (hash ^ (hash >>> 16)) >>> 0;
}

function sameRow(
	columns: readonly ArrayLike<number>[],
	row: number,
	distinct: Float64Array[],
	group: number
): boolean {
	for (let c = 0; c < columns.length; c++) if (distinct[c][group] !== columns[c][row]) return false;
	return true;
}

/** Groups rows with equal values in every column (exact equality; NaN rows never match). */
export function groupRows(columns: readonly ArrayLike<number>[], rows: number): GroupedRows {
	let capacity = 16;
	while (capacity < 2 * rows) capacity *= 2;
	const mask = capacity - 1;
	// Open addressing with linear probing; slots hold a group index + 1, so 0 means empty.
	const slots = new Uint32Array(capacity);
	const distinct = columns.map(() => new Float64Array(rows));
	const counts = new Float64Array(rows);
	const groupOf = new Uint32Array(rows);
	let groups = 0;
	for (let row = 0; row < rows; row++) {
		let slot = hashRow(columns, row) & mask;
		for (;;) {
			const stored = slots[slot];
			if (stored === 0) {
				for (let c = 0; c < columns.length; c++) distinct[c][groups] = columns[c][row] + 0;
				slots[slot] = ++groups;
				groupOf[row] = groups - 1;
				break;
			}
			if (sameRow(columns, row, distinct, stored - 1)) {
				groupOf[row] = stored - 1;
				break;
			}
			slot = (slot + 1) & mask;
		}
		counts[groupOf[row]]++;
	}
	return {
		columns: distinct.map((d) => d.slice(0, groups)),
		counts: counts.slice(0, groups),
		groupOf
	};
}

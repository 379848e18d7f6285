/**
 * Colour chips in result tables: a segment, class or stage column shows each key in its chart
 * colour, a cluster column in its cluster's colour, so a group looks the same in tables as in
 * charts (../../analyses/palette).
 */
import { clusterColour, colourOf } from '../../analyses/palette';

/** Columns whose values are palette keys. */
const KEYED = new Set(['segment', 'segment_before', 'stage', 'stage_before']);

/** A row's colour in one column, or null when its value has none. */
export type Chip = (row: readonly unknown[]) => string | null;

/** For each column, how to colour a row's value there, or null for columns without colours. */
export function keyColours(columns: readonly string[]): (Chip | null)[] {
	const cluster = columns.indexOf('cluster');
	return columns.map((column, c) => {
		if (KEYED.has(column))
			return (row) => (typeof row[c] === 'string' ? colourOf(row[c] as string) : null);
		// Names repeat and can be renamed: the cluster's number picks its colour.
		if ((column === 'cluster' || column === 'cluster_name') && cluster >= 0)
			return (row) =>
				typeof row[cluster] === 'number' ? clusterColour(row[cluster] as number) : null;
		return null;
	});
}

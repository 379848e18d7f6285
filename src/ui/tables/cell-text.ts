/**
 * A result table's cell as a person reads it. A generated cluster name is a key kept in the data
 * (`recent-frequent-high_spend`, so exports and saved notebooks work in either language); tables
 * word it in the language of the moment, as the charts do. Everything else is formatted as usual.
 */
import { clusterLabel } from '../../analyses/labels';
import { formatCell } from '../../lib/format';

/** The text of `value` in column `column`. */
export function cellText(column: string, value: unknown, isTime: boolean): string {
	return column === 'cluster_name' && typeof value === 'string'
		? clusterLabel(value)
		: formatCell(value, isTime);
}

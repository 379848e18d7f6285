/** Numeric Arrow columns as the model fits read them. */
import { DataType, type Vector } from 'apache-arrow';

/**
 * A numeric column as doubles, NULL as 0 (DuckDB's BIGINT already arrives as double:
 * castBigIntToDouble). Plain doubles without NULLs come as Arrow's own typed array, with no
 * copy per value; other numbers are read one by one.
 */
export function doublesOf(column: Vector): Float64Array {
	if (
		column.nullCount === 0 &&
		(DataType.isFloat(column.type) || (DataType.isInt(column.type) && column.type.bitWidth <= 32))
	) {
		const values = column.toArray() as ArrayLike<number>;
		return values instanceof Float64Array ? values : Float64Array.from(values);
	}
	return Float64Array.from({ length: column.length }, (_, i) => Number(column.get(i) ?? 0));
}

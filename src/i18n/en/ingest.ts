/** English messages: ingest (column detection and the mapping's validation). */
export const ingest = {
	'ingest.note_no_customer': 'No column looks like a customer id: choose one.',
	'ingest.note_no_date': 'No column looks like an order date: choose one.',
	'ingest.note_no_amount':
		'No column looks like an amount: choose one, or quantity and unit price.',
	'ingest.one_of': '{field} must be one of {allowed}',
	'ingest.choose_column': 'choose a column for {field}',
	'ingest.no_such_column': '{field}: there is no column named {column}',
	'ingest.not_an_object': 'not an object',
	'ingest.unknown_field': 'unknown field {field}',
	'ingest.amount_needed': 'choose an amount column, or both quantity and unit price',
	'ingest.used_twice': 'column {column} is used twice',
	'ingest.no_attribute_column': 'there is no column named {column}'
} as const;

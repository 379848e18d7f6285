/** English messages: engine. Keys are `area.what`; see ../t.ts for placeholders and plurals. */
export const engine = {
	'engine.file_empty': 'The file is empty: choose a file with a header row and transactions.',
	'engine.not_text':
		'This does not look like a text (CSV) file: it contains control characters that text files do not have. If it is an Excel or Parquet file, give it its .xlsx or .parquet name; otherwise export it from its program as CSV.',
	'engine.not_csv': 'This file could not be read as CSV.',
	'engine.no_columns': 'The file has no columns.',
	'engine.too_many_columns':
		'This file has {n} columns; Segmenta reads at most {max}. Remove the columns you do not need (keep customer, date and amount) and open it again.',
	'engine.uneven_lines':
		"None of the {n} lines below the header has the header's {fields} fields: the lines differ in width, so no table could be found. Check the delimiter, or export the file again as CSV.",
	'engine.no_table':
		'No table could be found in this file: its first {lines} lines have from {fewest} to {most} fields each, and no number of fields is shared by most of them. Check that it is a delimited text (CSV) file with one transaction per line, or export it again as CSV.',
	'engine.no_rows': 'The file has column names ({columns}) but no rows of data.',
	'engine.one_statement':
		'A cell runs one query: remove the extra statements (after the ";") or put them in another cell.',
	'engine.open_first': 'Open a file first.',
	'engine.step_reading': 'reading',
	'engine.step_duplicates': 'checking duplicates',
	'engine.step_summaries': 'building the per-order and per-customer tables',
	'engine.list_empty': 'The customer list is empty.',
	'engine.gzip_too_big':
		"This .gz file expands to more than {gb} GB: it is not an ordinary export, and it would not fit in the browser's memory. Unpack it yourself to see what it holds, and open the CSV inside if it is one.",
	'engine.gzip_ratio':
		"This .gz file expands to more than {ratio} times its size: it is not an ordinary export, and it would not fit in the browser's memory. Unpack it yourself to see what it holds, and open the CSV inside if it is one.",
	'engine.out_of_memory':
		'DuckDB ran out of memory in this tab ({detail}). Your settings and notebook are kept. Open a smaller file: export a shorter date range, or leave out the columns you do not need.',
	'engine.offline':
		'Segmenta keeps DuckDB offline: it reads only the file you opened, never the internet or other files ({detail}).',
	'engine.bad_encoding':
		"The file's text encoding could not be read ({detail}). Choose the encoding by hand, or save the file as UTF-8.",
	'engine.line_too_long':
		'A line of this file is longer than {mb} MB, the most the CSV reader takes: usually a quote that is never closed, or a cell holding a whole document. Shorten or remove that line, then open the file again.',
	'engine.csv_invalid_state':
		'The CSV reader lost its place in this file: usually lines that end in different ways (some with a carriage return, some without, as when two exports are joined), or a quote that is never closed. Save the file again as CSV from its program, or remove the odd line, then open it again.',
	'engine.csv_error':
		'This file could not be read as CSV: {detail}. Check that it is a delimited text file with a header row.',
	'engine.stopped':
		'The engine stopped unexpectedly ({detail}) and has been restarted. Your settings and notebook are kept: open the file again to continue.',
	'engine.stopped_unknown':
		'The engine stopped unexpectedly (worker error) and has been restarted. Your settings and notebook are kept: open the file again to continue.',
	'engine.worker_lost':
		"The engine's worker ended unexpectedly (the browser may have run short of memory) and has been restarted. Your settings and notebook are kept: open the file again to continue.",
	'engine.wasm_failed': 'The DuckDB engine file did not load (HTTP {status}): {url}',
	'reader.json_invalid': 'This JSON file is not valid JSON ({detail}).',
	'reader.json_not_records':
		'This JSON file is not a list of records. Segmenta reads an array of objects, one per transaction line, e.g. [{"customer": "A1", "date": "2024-01-05", "amount": 12.5}].',
	'reader.json_empty': 'This JSON file holds an empty list: there are no records to read.',
	'reader.parquet_unreadable':
		'This Parquet file could not be read ({detail}). It may be truncated or damaged: export it again.',
	'reader.xlsx_unreadable':
		'This Excel file could not be read ({detail}). Save it again as .xlsx, or export the sheet as CSV.',
	'reader.xlsx_uncalculated':
		'{n} formula {n|cell has|cells have} no calculated value (for example {cell}): the file was saved by a program that does not calculate formulas, so those cells read as empty. Open it in Excel or LibreOffice, save it again, and open the saved file.',
	'reader.xlsx_no_sheets': 'This Excel file has no sheets.',
	'fit.clv_columns':
		"The CLV cell's SQL must give the columns {needed}; it lacks {missing}. Go back to the template SQL, or add them.",
	'fit.clv_too_few': 'Too few customers to fit the models ({n}); at least {min} are needed.',
	'fit.clusters_columns':
		"The clusters cell's SQL must give customer_id and at least one numeric column (recency_days, frequency, monetary…).",
	'fit.clusters_too_few': 'Too few customers to cluster ({n}); at least {min} are needed.',
	'fit.progress_tracking': 'Tracking repeat purchases over time',
	'fit.progress_choosing_k': 'choosing k (2–{max}) on a sample',
	'fit.progress_kmeans': 'k-means, iteration {iteration}: {moved} {moved|customer|customers} moved'
} as const;

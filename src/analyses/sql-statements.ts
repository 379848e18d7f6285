/**
 * SQL text cut into statements for showing it to a person before it runs (the consent box of a
 * cell that came with a link). Only for display: what runs is decided by DuckDB's own parser in
 * the engine, which refuses a cell holding more than one statement.
 */

/** One statement of a text, with whether it reads like a query and the line it starts on. */
export interface ShownStatement {
	text: string;
	/** 1-based line of the text where the statement starts. */
	line: number;
	query: boolean;
}

/** The first keywords of a query: a statement that starts otherwise is not one. */
export const QUERY_WORDS: ReadonlySet<string> = new Set([
	'SELECT',
	'WITH',
	'FROM',
	'VALUES',
	'TABLE',
	'PIVOT',
	'UNPIVOT',
	'SUMMARIZE',
	'DESCRIBE'
]);

/** Where the literal, quoted name or comment starting at `i` ends (exclusive), or -1 if none starts. */
function skipQuoted(text: string, i: number): number {
	const rest = text.slice(i);
	const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
	if (dollar) {
		const end = text.indexOf(dollar[0], i + dollar[0].length);
		return end < 0 ? text.length : end + dollar[0].length;
	}
	if (/^[eE]'/.test(rest)) return endOf(text, i + 2, "'", true);
	if (rest.startsWith("'")) return endOf(text, i + 1, "'", false);
	if (rest.startsWith('"')) return endOf(text, i + 1, '"', false);
	if (rest.startsWith('--')) {
		// DuckDB ends a line comment at CR as well as LF.
		const end = rest.search(/[\r\n]/);
		return end < 0 ? text.length : i + end;
	}
	if (rest.startsWith('/*')) {
		// Block comments nest, as in PostgreSQL's grammar.
		let depth = 1;
		let j = i + 2;
		while (j < text.length && depth > 0) {
			const step = text.startsWith('/*', j) ? 1 : text.startsWith('*/', j) ? -1 : 0;
			depth += step;
			j += step === 0 ? 1 : 2;
		}
		return j;
	}
	return -1;
}

/** The end of a quoted run opened before `from`: a doubled quote stays inside; `\` escapes in E'…'. */
function endOf(text: string, from: number, quote: string, backslash: boolean): number {
	for (let j = from; j < text.length; j++) {
		if (backslash && text[j] === '\\') j++;
		else if (text[j] === quote) {
			if (text[j + 1] === quote) j++;
			else return j + 1;
		}
	}
	return text.length;
}

/** The first keyword of a statement, upper-cased, past comments and opening parentheses. */
export function firstWord(statement: string): string {
	let i = 0;
	for (;;) {
		while (i < statement.length && /[\s(]/.test(statement[i])) i++;
		const end =
			statement.startsWith('--', i) || statement.startsWith('/*', i)
				? skipQuoted(statement, i)
				: -1;
		if (end < 0) break;
		i = end;
	}
	return /^[A-Za-z]+/.exec(statement.slice(i))?.[0].toUpperCase() ?? '';
}

/** The statements of `text`, cut at each `;` outside literals, quoted names and comments. */
export function shownStatements(text: string): ShownStatement[] {
	const statements: ShownStatement[] = [];
	let start = 0;
	const push = (end: number) => {
		const piece = text.slice(start, end);
		if (piece.trim() !== '') {
			const lead = piece.length - piece.trimStart().length;
			statements.push({
				text: piece.trim(),
				line: text.slice(0, start + lead).split(/\r\n|\r|\n/).length,
				query: QUERY_WORDS.has(firstWord(piece))
			});
		}
		start = end + 1;
	};
	for (let i = 0; i < text.length;) {
		const end = skipQuoted(text, i);
		if (end >= 0) i = end;
		else {
			if (text[i] === ';') push(i);
			i++;
		}
	}
	push(text.length);
	return statements;
}

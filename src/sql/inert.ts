/**
 * Free text (file names, column names, cell titles, notes) written into a SQL script as a comment.
 * `ident()` and `lit()` keep such text inside quotes; a comment has no quotes, so the text itself
 * must not be able to end it.
 */

/**
 * Anything that can end a line for some reader of the script: DuckDB ends a `--` comment at CR as
 * well as LF, its shell reads lines up to LF (and runs a line that starts with `.` as a command),
 * editors also break at VT, FF, NEL, U+2028 and U+2029. All control characters go too, and the
 * bidirectional controls, so the comment reads in an editor as it will run.
 */
const BREAKS = /\r\n|[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The text on one line, safe inside a `--` line comment or a block comment: every line break and
 * control character becomes a space, and a space parts every `/` and `*` that touch, so the text
 * can neither open nor close a block comment.
 */
export function inert(text: string): string {
	// Both passes only insert spaces, and the second never puts a `*` right after a `/`.
	return text
		.replace(BREAKS, ' ')
		.replace(/\/(?=\*)/g, '/ ')
		.replace(/\*(?=\/)/g, '* ');
}

/** A `--` comment of one line per entry, each made inert. */
export function lineComment(lines: readonly string[]): string {
	return lines.map((line) => `-- ${inert(line)}`.trimEnd()).join('\n');
}

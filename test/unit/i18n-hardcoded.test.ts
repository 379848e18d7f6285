/**
 * Text a person reads comes from the message catalogues, never from a literal in a component or
 * in the code that builds labels, charts and messages. Lists every offender with file and line.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
/** Words that are the same in every language: the product's name and each language's own name. */
const ALLOWED = new Set(['Segmenta', 'English', '中文']);
/** Code without words for people (the models, the SQL layer, the catalogues themselves), the header names and date patterns of data files written in Chinese, and the headers email platforms import. */
const SKIP = [
	'i18n/',
	'models/',
	'sql/',
	'offline/service-worker.ts',
	'ingest/detect-roles.ts',
	'ingest/detect-formats.ts',
	'ingest/value-sql.ts',
	'audiences/platform-headers.ts'
];

function files(dir: string, ext: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path, ext);
		return path.endsWith(ext) ? [path] : [];
	});
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
const hasWords = (s: string) => /[A-Za-z\u3400-\u9fff]{2,}/.test(s) && !ALLOWED.has(s.trim());

/** Blanks out a match, keeping newlines so line numbers stay right. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Removes `{…}` template expressions, braces nested. */
function withoutExpressions(markup: string): string {
	let out = '';
	let depth = 0;
	for (const ch of markup) {
		if (ch === '{') depth++;
		out += depth > 0 ? (ch === '\n' ? '\n' : ' ') : ch;
		if (ch === '}' && depth > 0) depth--;
	}
	return out;
}

export function svelteOffenders(source: string): { line: number; text: string }[] {
	let markup = source.replace(
		/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g,
		blank
	);
	const found: { line: number; text: string }[] = [];
	for (const m of markup.matchAll(
		/\b(title|aria-label|placeholder|alt|aria-description|aria-roledescription)="([^"]*)"/g
	)) {
		if (hasWords(withoutExpressions(m[2])))
			found.push({ line: lineOf(markup, m.index!), text: m[0] });
	}
	markup = withoutExpressions(markup).replace(/<[^>]*>/g, blank);
	let index = 0;
	for (const line of markup.split('\n')) {
		if (hasWords(line)) found.push({ line: lineOf(markup, index), text: line.trim() });
		index += line.length + 1;
	}
	return found;
}

/**
 * Prose in TypeScript: a string literal that reads as a sentence or a label (a capital letter, then
 * lower-case words), or any Chinese. SQL keywords are upper case and identifiers lower case, so
 * neither matches.
 */
export function tsOffenders(source: string): { line: number; text: string }[] {
	const code = source.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/[^\n]*/g, (m) => blank(m));
	const found: { line: number; text: string }[] = [];
	for (const m of code.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
		const text = m[2];
		// A placeholder at the start (`${title}: the model's input`) hides the sentence behind it.
		const prose = /^[A-Z][a-z’']+(?:[ ,:;–-]+[A-Za-z’'()]+){1,}/.test(
			text.replace(/^\$\{[^}]*\}\W*/, '').replace(/\$\{[^}]*\}/g, 'x')
		);
		const chinese = /[\u3400-\u9fff]/.test(text);
		if ((prose || chinese) && !ALLOWED.has(text))
			found.push({ line: lineOf(code, m.index!), text: text.slice(0, 80) });
	}
	return found;
}

describe('no text outside the message catalogues', () => {
	const all = [...files(SRC, '.svelte'), ...files(SRC, '.ts')].filter(
		(f) => !SKIP.some((s) => relative(SRC, f).startsWith(s))
	);
	for (const file of all) {
		it(relative(SRC, file), () => {
			const source = readFileSync(file, 'utf8');
			const offenders = file.endsWith('.svelte') ? svelteOffenders(source) : tsOffenders(source);
			expect(offenders.map((o) => `${relative(SRC, file)}:${o.line}: ${o.text}`)).toEqual([]);
		});
	}
});

describe('the checker itself', () => {
	it('finds text in markup and attributes, not in expressions', () => {
		const found = svelteOffenders(
			'<script>const a = "Hello there";</script>\n<p>Rows read</p>\n<p>{t("x")}</p>\n<button title="Open a file">{t("y")}</button>'
		);
		expect(found.map((f) => f.line)).toEqual([4, 2]);
	});
	it('finds prose and Chinese in TypeScript, not SQL or identifiers', () => {
		const found = tsOffenders(
			"const a = 'Customers by segment';\nconst b = sql`SELECT customer_id FROM rfm`;\nconst c = 'rfm_score';\nconst d = '重要价值客户';"
		);
		expect(found.map((f) => f.line)).toEqual([1, 4]);
	});
});

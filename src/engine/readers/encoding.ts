/**
 * Detects how a text file is encoded from its first bytes. Pure: it runs in Node tests too.
 */
import type { TextEncoding } from '../protocol';

/** What the first bytes of a file say about it: `binary` has control characters text does not. */
export type TextSniff =
	{ kind: 'text'; encoding: TextEncoding; bomLength: number } | { kind: 'binary' };

function zeroShare(bytes: Uint8Array, parity: 0 | 1): number {
	let zeros = 0;
	let total = 0;
	for (let i = parity; i < bytes.length; i += 2) {
		total++;
		if (bytes[i] === 0) zeros++;
	}
	return total === 0 ? 0 : zeros / total;
}

/** Drops a multi-byte character cut off at the end of a sample, so it is not judged invalid. */
function wholeUtf8(bytes: Uint8Array): Uint8Array {
	let end = bytes.length;
	for (let back = 1; back <= 3 && end - back >= 0; back++) {
		const b = bytes[end - back];
		if ((b & 0xc0) === 0x80) continue;
		if (b >= 0xc0) end -= back;
		break;
	}
	return bytes.subarray(0, end);
}

function isValid(bytes: Uint8Array, label: string): boolean {
	try {
		new TextDecoder(label, { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** Share of two-byte sequences (first byte 0x81 or above) whose second byte is 0xA1 or above. */
function gb2312Share(bytes: Uint8Array): number {
	let pairs = 0;
	let high = 0;
	for (let i = 0; i + 1 < bytes.length; i++) {
		if (bytes[i] < 0x81) continue;
		pairs++;
		if (bytes[i + 1] >= 0xa1) high++;
		i++;
	}
	return pairs === 0 ? 0 : high / pairs;
}

/** Sniffs the encoding from up to the first 64 KB of a (decompressed) file. */
export function sniffEncoding(head: Uint8Array): TextSniff {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
		return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
	}
	if (head[0] === 0xff && head[1] === 0xfe)
		return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
	if (head[0] === 0xfe && head[1] === 0xff)
		return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
	const sample = head.subarray(0, 4096);
	const evenZeros = zeroShare(sample, 0);
	const oddZeros = zeroShare(sample, 1);
	// ASCII text in UTF-16 has a zero in every other byte.
	if (oddZeros > 0.3 && evenZeros < 0.05)
		return { kind: 'text', encoding: 'utf-16le', bomLength: 0 };
	if (evenZeros > 0.3 && oddZeros < 0.05)
		return { kind: 'text', encoding: 'utf-16be', bomLength: 0 };
	let control = 0;
	for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
	if (sample.length > 0 && (sample.includes(0) || control / sample.length > 0.05)) {
		return { kind: 'binary' };
	}
	if (isValid(wholeUtf8(head), 'utf-8')) return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
	// Chinese Excel exports: GB18030 is a superset of GBK and GB2312. Latin-1 text decodes as
	// GB18030 too (`Müller` is FC 6C, read as 黮): real Chinese text has both bytes of almost
	// every pair at 0xA1 or above, accented Latin letters are followed by ASCII.
	const gb = new TextDecoder('gb18030').decode(head);
	if (/[\u4e00-\u9fff]/.test(gb) && !gb.includes('\ufffd') && gb2312Share(head) >= 0.95) {
		return { kind: 'text', encoding: 'gb18030', bomLength: 0 };
	}
	return { kind: 'text', encoding: 'windows-1252', bomLength: 0 };
}

/** True when lines are columns aligned with runs of spaces (CDNOW-style), not a delimiter. */
export function isWhitespaceAligned(text: string): boolean {
	const lines = text
		.split(/\r\n|\r|\n/)
		.slice(0, 50)
		.filter((l) => l.trim().length > 0);
	if (lines.length === 0 || lines.some((l) => /[,;\t|]/.test(l))) return false;
	const counts = lines.map((l) => l.trim().split(/\s+/).length);
	return (
		counts[0] >= 2 &&
		counts.every((c) => c === counts[0]) &&
		lines.some((l) => /\s{2,}|^\s/.test(l))
	);
}

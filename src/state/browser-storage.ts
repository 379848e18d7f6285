/** JSON values in this browser's `localStorage` or this tab's `sessionStorage`, never throwing. */

/** Where a value lives: this browser (`local`) or this tab (`session`). */
export type Area = 'local' | 'session';

function area(which: Area): Storage {
	return which === 'local' ? localStorage : sessionStorage;
}

/** A stored JSON value, or null when absent or unreadable. */
export function read(key: string, which: Area = 'local'): unknown {
	try {
		const text = area(which).getItem(key);
		return text === null ? null : JSON.parse(text);
	} catch {
		return null;
	}
}

/** Stores a JSON value; a full or switched-off storage only loses it. */
export function write(key: string, value: unknown, which: Area = 'local') {
	try {
		area(which).setItem(key, JSON.stringify(value));
	} catch {
		// Storage full or switched off: settings still work for this visit.
	}
}

/** Forgets a stored value. */
export function remove(key: string, which: Area = 'local') {
	try {
		area(which).removeItem(key);
	} catch {
		// Nothing to forget.
	}
}

/**
 * Errors written for people carry a message key, not text, so the page shows them in the language
 * of the moment (also after a switch). Their `message` is the English text, for logs and tests.
 */
import { english, type MessageKey } from './english';
import { msg, type Message, type MessageParams } from './message';

export class LocalisedError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly params: MessageParams = {}
	) {
		super(english(key, params));
		this.name = 'LocalisedError';
	}
}

/** What to show for any caught error: its message key when it has one, else its own text. */
export function messageOf(e: unknown): Message | string {
	if (e instanceof LocalisedError) return msg(e.key, e.params);
	if (e instanceof Error) return e.message;
	return String(e);
}

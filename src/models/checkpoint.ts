/** Cooperative cancellation for long fits that run inside a worker. */
import { nextTask } from '../lib/next-task';

/**
 * Returns a function to await between iterations. It throws the signal's reason (an
 * 'AbortError' DOMException by default) once aborted, and yields to the event loop every
 * `everyMs`: a worker busy in a synchronous loop never sees the message that aborts it.
 */
export function checkpoint(signal?: AbortSignal, everyMs = 50): () => Promise<void> {
	let lastYield = performance.now();
	return async () => {
		signal?.throwIfAborted();
		if (performance.now() - lastYield < everyMs) return;
		await nextTask();
		lastYield = performance.now();
		signal?.throwIfAborted();
	};
}

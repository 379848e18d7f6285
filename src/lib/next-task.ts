/**
 * Resolves in a later task of the event loop: what is queued meanwhile (a worker's cancel
 * message, the page's rendering) runs first.
 */
export function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

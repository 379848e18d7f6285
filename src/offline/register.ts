/**
 * Registers the service worker (src/offline/service-worker.ts) from a path relative to the page,
 * so the site works from any folder of any static host.
 */
import { t } from '../i18n/t';

/**
 * Resolves when the app may start. On a first visit that is once the new service worker controls
 * the page: the engine worker then fetches DuckDB's wasm (7.7 MB) through it, so it is kept for
 * the next visit instead of being downloaded twice. Later visits are controlled from the start
 * (the browser looks for a new `sw.js` by itself), and where service workers are unavailable (dev
 * server, plain http, some private windows) the app starts at once without them.
 */
export async function whenOfflineReady(): Promise<void> {
	if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
	if (navigator.serviceWorker.controller) return;
	try {
		const { installing } = await navigator.serviceWorker.register('./sw.js');
		// Nothing installing: a forced reload (Shift) bypassed an active worker; start without it.
		if (installing) await controllerOrFailure(installing);
	} catch (error) {
		console.warn(t('offline.unavailable'), error);
	}
}

function controllerOrFailure(incoming: ServiceWorker): Promise<void> {
	return new Promise((resolve) => {
		navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
		incoming.addEventListener('statechange', () => incoming.state === 'redundant' && resolve());
		// A worker that neither takes over nor fails must not keep the app from starting.
		setTimeout(resolve, 5000);
	});
}

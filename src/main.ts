import './ui/app.css';
import { whenOfflineReady } from './offline/register';

// The app, and with it the engine worker, loads only once the service worker can keep its files.
await whenOfflineReady();
const [{ mount }, { default: App }] = await Promise.all([
	import('svelte'),
	import('./ui/App.svelte')
]);
mount(App, { target: document.getElementById('app')! });

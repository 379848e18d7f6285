/**
 * Runs the shared EngineApi suite against the real engine worker, under the same CSP as the
 * app, and publishes the results on `window.engineSuiteResults` for the e2e test to read.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../../src/engine/protocol';
import { engineWorkerScript } from '../../src/engine/client';
import { engineCases } from '../engine-suite';

declare global {
	interface Window {
		engineSuiteResults?: Record<string, string>;
	}
}

// Started as the app starts it, so the worker runs under this page's policy.
const worker = new Worker(engineWorkerScript(), { type: 'module' });
const engine = Comlink.wrap<EngineApi>(worker) as unknown as EngineApi;

async function fixture(name: string): Promise<File> {
	const response = await fetch(`./fixtures/${name}`);
	if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
	return new File([await response.blob()], name);
}

const results: Record<string, string> = {};
const log = document.getElementById('log')!;
for (const c of engineCases) {
	try {
		await c.run(engine, fixture);
		results[c.name] = 'ok';
	} catch (e) {
		results[c.name] = (e as Error).message;
	}
	log.textContent = JSON.stringify(results, null, 2);
}
window.engineSuiteResults = results;

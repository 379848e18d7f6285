import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { gzipDuckdbWasm } from './scripts/vite/gzip-duckdb-wasm.js';
import { serviceWorker } from './scripts/vite/service-worker.js';
import { aliases } from './scripts/vite/aliases.js';

export default defineConfig({
	// Relative base: the built site works from any sub-path of any static host.
	base: './',
	plugins: [
		svelte(),
		// sw.js: return visits from cache, and offline use (docs/self-hosting.md).
		serviceWorker(resolve(import.meta.dirname, 'src/offline/service-worker.ts'))
	],
	resolve: {
		alias: aliases(import.meta.dirname)
	},
	// DuckDB's wasm is imported by the engine worker, so its plugin runs in the worker build.
	worker: { format: 'es', plugins: () => [gzipDuckdbWasm()] },
	build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
	preview: { port: 4173, strictPort: false },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.spec.ts'],
					environment: 'node',
					testTimeout: 180_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});

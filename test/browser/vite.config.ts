/** Builds the EngineApi suite page: the app's engine worker plus the fixtures, nothing else. */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { aliases } from '../../scripts/vite/aliases';

const repo = resolve(import.meta.dirname, '../..');

export default defineConfig({
	root: import.meta.dirname,
	base: './',
	publicDir: false,
	resolve: {
		alias: aliases(repo)
	},
	worker: { format: 'es' },
	build: {
		target: 'es2022',
		outDir: resolve(repo, 'test-results/engine-suite'),
		emptyOutDir: true
	},
	logLevel: 'warn'
});

/** Module aliases both Vite builds need: the app's and the engine suite's page. */
import { resolve } from 'node:path';
import type { Alias } from 'vite';

/** The aliases, with paths resolved from the repository's root `repo`. */
export function aliases(repo: string): Alias[] {
	return [
		// The package's `exports` entry for /blocking points at a file the browser build lacks.
		{
			find: '@duckdb/duckdb-wasm/blocking',
			replacement: resolve(
				repo,
				'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs'
			)
		},
		// Arrow's builders compile their null test with `new Function`: refused by our CSP.
		{
			find: /^\.\/builder\/valid\.mjs$/,
			replacement: resolve(repo, 'src/lib/arrow-valid.ts')
		}
	];
}

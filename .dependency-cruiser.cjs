/**
 * The house's shape, checked in `npm test` (`npm run lint:deps`): dependencies point one way,
 * ui → state → analyses → sql; the engine knows no domain (its worker entry wires the fits in);
 * pure layers touch no DOM, worker or engine; no cycle of value imports (type-only ones are fine).
 */
const layer = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
	forbidden: [
		layer(
			'engine-knows-no-domain',
			'engine/ imports no analyses/, state/ or ui/ (engine.worker.ts, the composition root, wires the fits)',
			{ path: '^src/engine/', pathNot: '^src/engine/engine\\.worker\\.ts$' },
			{ path: '^src/(analyses|state|ui)/' }
		),
		layer(
			'analyses-are-pure',
			'analyses/ are pure functions of a config: no engine/, state/ or ui/',
			{ path: '^src/analyses/' },
			{ path: '^src/(engine|state|ui)/' }
		),
		layer(
			'state-below-ui',
			'state/ never imports ui/',
			{ path: '^src/state/' },
			{ path: '^src/ui/' }
		),
		layer(
			'ui-has-no-sql',
			'ui/ builds no SQL: it asks state/ or analyses/',
			{ path: '^src/ui/' },
			{ path: '^src/sql/' }
		),
		layer(
			'sql-stands-alone',
			'sql/ is the one quoting path and imports nothing else of ours',
			{ path: '^src/sql/' },
			{ path: '^src/', pathNot: '^src/sql/' }
		),
		layer(
			'models-are-maths',
			'models/ are plain TypeScript maths',
			{ path: '^src/models/' },
			{ path: '^src/(engine|state|ui|analyses|ingest|sql)/' }
		),
		layer(
			'ingest-below-engine',
			'ingest/ (detection, normalising SQL) knows no engine, state, ui or analyses',
			{ path: '^src/ingest/' },
			{ path: '^src/(engine|state|ui|analyses)/' }
		),
		layer(
			'lib-and-i18n-are-leaves',
			'lib/ and i18n/ are used by all and use none of the layers',
			{ path: '^src/(lib|i18n)/' },
			{ path: '^src/(engine|state|ui|analyses|ingest|models)/' }
		),
		layer(
			'duckdb-and-comlink-in-engine',
			'only engine/ talks to DuckDB-WASM and the worker',
			{ path: '^src/', pathNot: '^src/engine/' },
			{ path: 'node_modules/(@duckdb/duckdb-wasm|comlink)/' }
		),
		{
			name: 'no-value-cycles',
			comment:
				'a cycle of imports that exist at run time; cycles through a type-only import are fine',
			severity: 'error',
			from: { path: '^src/' },
			to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types']
		},
		exclude: { path: '\\?(url|worker)' }
	}
};

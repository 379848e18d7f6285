/**
 * The import boundaries of .dependency-cruiser.cjs (run on src/ by `npm run lint`) catch what
 * they promise: a tree with one deliberately wrong import per rule fails with that rule's name,
 * and a type-only cycle passes while a value cycle does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const config = createRequire(import.meta.url)(resolve('.dependency-cruiser.cjs'));

/** Files of a small tree shaped like ours, each line a module and what it imports. */
const TREE: Record<string, string> = {
	'src/sql/sql.ts': 'export const sql = 1;',
	'src/analyses/fits.ts': "import { sql } from '../sql/sql';\nexport const fits = sql;",
	'src/engine/core.ts': "import { fits } from '../analyses/fits';\nexport const core = fits;",
	'src/engine/engine.worker.ts':
		"import { fits } from '../analyses/fits';\nexport const worker = fits;",
	'src/analyses/rfm.ts': "import { core } from '../engine/core';\nexport const rfm = core;",
	'src/state/Session.ts': "import { view } from '../ui/view';\nexport const session = view;",
	'src/ui/view.ts': "import { sql } from '../sql/sql';\nexport const view = sql;",
	'src/lib/a.ts': "import { b } from './b';\nexport const a = () => b;",
	'src/lib/b.ts': "import { a } from './a';\nexport const b = () => a;",
	'src/lib/c.ts': "import type { D } from './d';\nexport interface C { d: D }",
	'src/lib/d.ts': "import type { C } from './c';\nexport interface D { c?: C }"
};

let root: string;
let result: ICruiseResult;
const violations = () =>
	result.summary.violations.map(
		(v) => `${v.rule.name}: ${v.from} → ${v.cycle?.map((c) => c.name).join(' → ') ?? v.to}`
	);

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'boundaries-'));
	for (const [path, text] of Object.entries(TREE)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text + '\n');
	}
	writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
	const cwd = process.cwd();
	process.chdir(root);
	try {
		result = (
			await cruise(['src'], {
				...config.options,
				ruleSet: { forbidden: config.forbidden },
				validate: true
			})
		).output as ICruiseResult;
	} finally {
		process.chdir(cwd);
	}
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the import boundaries', () => {
	it('name each wrong import, and only those', () => {
		expect(violations().sort()).toEqual([
			'analyses-are-pure: src/analyses/rfm.ts → src/engine/core.ts',
			'engine-knows-no-domain: src/engine/core.ts → src/analyses/fits.ts',
			'no-value-cycles: src/lib/a.ts → src/lib/b.ts → src/lib/a.ts',
			'state-below-ui: src/state/Session.ts → src/ui/view.ts',
			'ui-has-no-sql: src/ui/view.ts → src/sql/sql.ts'
		]);
	});
});

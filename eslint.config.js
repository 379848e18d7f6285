// ESLint for TypeScript and Svelte, run in `npm test` with no warning allowed; built and generated
// folders (as in .gitignore) are left out. Formatting is Prettier's (`npm run lint` checks it); the
// import boundaries are .dependency-cruiser.cjs's.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'dist/',
			'node_modules/',
			'bench/results/',
			'bench/data/',
			'test/data/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig }
		}
	},
	{
		// The state classes keep bookkeeping no view reads (request windows, in-flight sets, the
		// chains of a change, parsed addresses, timestamps) in plain collections: reactive ones would
		// turn every bookkeeping step into a signal write. What a view reads is $state or $state.raw.
		files: ['src/state/**/*.svelte.ts'],
		rules: { 'svelte/prefer-svelte-reactivity': 'off' }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	}
);

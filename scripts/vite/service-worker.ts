/**
 * Vite plugin: builds src/offline/service-worker.ts into `sw.js` at the site root (a service
 * worker controls only its own folder and below) with this build's file list written in, so a
 * new deployment changes `sw.js` and browsers pick it up.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { transformWithOxc, type Plugin, type Rolldown } from 'vite';

/** Emits `sw.js`, built from the given TypeScript source (a script with no imports). */
export function serviceWorker(source: string): Plugin {
	let publicDir = '';
	let hashedDir = '';
	return {
		name: 'segmenta:service-worker',
		apply: 'build',
		// After Vite has added index.html and the worker's files to the bundle.
		enforce: 'post',
		configResolved(config) {
			publicDir = config.publicDir;
			hashedDir = `${config.build.assetsDir}/`;
		},
		async generateBundle(_, bundle) {
			const files = [...Object.keys(bundle), ...(await filesIn(publicDir))];
			const build = { files, shell: ['index.html', ...loadedByIndex(bundle)], hashedDir };
			const { code } = await transformWithOxc(await readFile(source, 'utf8'), source);
			this.emitFile({
				type: 'asset',
				fileName: 'sw.js',
				source: `const SERVICE_WORKER_BUILD = ${JSON.stringify(build)};\n${code}`
			});
		}
	};
}

/** The entry chunks, what they import statically, and their CSS: what index.html loads. */
function loadedByIndex(bundle: Rolldown.OutputBundle): string[] {
	const loaded = new Set<string>();
	const visit = (fileName: string) => {
		const chunk = bundle[fileName];
		if (loaded.has(fileName) || chunk?.type !== 'chunk') return;
		loaded.add(fileName);
		chunk.viteMetadata?.importedCss.forEach((css) => loaded.add(css));
		chunk.imports.forEach(visit);
	};
	for (const file of Object.values(bundle)) {
		if (file.type === 'chunk' && file.isEntry) visit(file.fileName);
	}
	return [...loaded];
}

async function filesIn(dir: string): Promise<string[]> {
	if (!dir || !existsSync(dir)) return [];
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => relative(dir, `${e.parentPath}/${e.name}`));
}

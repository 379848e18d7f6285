/** What the static server sent, read from its request log (it sends files as they are). */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StaticSite } from './static-server';

/** The bytes of the files behind the given request paths (those logged in `site.requests`). */
export function servedBytes(site: StaticSite, paths: string[], root = resolve('dist')): number {
	const prefix = new URL(site.url).pathname;
	let total = 0;
	for (const path of paths) {
		const pathname = new URL(path, site.url).pathname;
		if (!pathname.startsWith(prefix)) continue;
		const file = join(root, decodeURIComponent(pathname.slice(prefix.length)));
		try {
			const stats = statSync(file);
			total += stats.isDirectory() ? statSync(join(file, 'index.html')).size : stats.size;
		} catch {
			// A 404: a few bytes of text, nothing to count.
		}
	}
	return total;
}

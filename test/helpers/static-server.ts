/**
 * Serves the built site (`dist/`) from a sub-path on localhost, the way any static host would,
 * and records every request it receives.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv',
	'.json': 'application/json',
	'.md': 'text/markdown',
	'.svg': 'image/svg+xml',
	'.png': 'image/png'
};

/** A running server: its base URL (ending in `/`) and a way to stop it. */
export interface StaticSite {
	url: string;
	requests: string[];
	close(): Promise<void>;
}

/** Serves `root` under `/prefix/` on a free port. */
export async function serveStatic(
	root = resolve('dist'),
	prefix = '/any/sub/path/'
): Promise<StaticSite> {
	const requests: string[] = [];
	const server: Server = createServer(async (req, res) => {
		requests.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith(prefix)) {
			res.writeHead(404).end('outside the site');
			return;
		}
		let path = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
		if (!path.startsWith(root)) {
			res.writeHead(403).end();
			return;
		}
		try {
			if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
			const body = await readFile(path);
			res.writeHead(200, {
				'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
				'cache-control': 'no-store'
			});
			res.end(body);
		} catch {
			res.writeHead(404).end('not found');
		}
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}${prefix}`,
		requests,
		close: () => new Promise((ok) => server.close(() => ok()))
	};
}

/**
 * Another origin on this machine that records every request it receives: a request that reaches
 * it was not refused by the browser. It answers with CORS allowed, so a request the browser lets
 * through also succeeds in the script that made it.
 */
import { createServer } from 'node:http';

/** The running server: its URL (ending in `/`), every request it received, a way to stop it. */
export interface Witness {
	url: string;
	hits: string[];
	close(): Promise<void>;
}

/** Starts the witness on a free port of 127.0.0.1. */
export async function serveWitness(): Promise<Witness> {
	const hits: string[] = [];
	const server = createServer((req, res) => {
		hits.push(`${req.method} ${req.url}`);
		res.writeHead(200, {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': '*',
			'content-type': 'text/plain'
		});
		res.end('reached');
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/`,
		hits,
		close: () => new Promise((ok) => server.close(() => ok()))
	};
}

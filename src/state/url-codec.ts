/**
 * The configuration in a link: JSON, deflated and base64url-encoded into the URL fragment
 * (`#c=…`), which browsers never send to a server.
 */
import { LocalisedError } from '../i18n/errors';
import { parseConfig, type NotebookConfig } from './config';

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream
): Promise<Uint8Array> {
	const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
	return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
	return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The fragment (without `#`) that carries the configuration. */
export async function encodeConfig(config: NotebookConfig): Promise<string> {
	// Empty parts stay out (the parser fills them in), so a link with few settings stays short.
	const { mapping, cells, custom, ...always } = config;
	const present = {
		...always,
		...(mapping ? { mapping } : {}),
		...(Object.keys(cells).length ? { cells } : {}),
		...(custom.length ? { custom } : {})
	};
	const json = new TextEncoder().encode(JSON.stringify(present));
	return `c=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/** The configuration in a fragment, or null when the fragment carries none. Throws when it is damaged. */
export async function decodeConfig(fragment: string): Promise<NotebookConfig | null> {
	const match = /(?:^#?|&)c=([A-Za-z0-9_-]+)/.exec(fragment);
	if (!match) return null;
	let json: string;
	try {
		json = new TextDecoder('utf-8', { fatal: true }).decode(
			await pipe(fromBase64Url(match[1]), new DecompressionStream('deflate-raw'))
		);
	} catch {
		throw new LocalisedError('share.link_damaged');
	}
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		throw new LocalisedError('share.link_invalid');
	}
	return parseConfig(data);
}

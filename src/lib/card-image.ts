/**
 * A persona card drawn as an image the person can paste into a deck: an SVG laid out here,
 * rasterised on a canvas in the page (nothing leaves the machine).
 */
import { LocalisedError } from '../i18n/errors';

/** One labelled value on the card. */
export interface CardLine {
	label: string;
	value: string;
}

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!
	);

/** The card as SVG text, 480 px wide. */
export function cardSvg(title: string, lines: CardLine[], footer: string): string {
	const width = 480;
	const height = 96 + lines.length * 28 + (footer ? 40 : 0);
	const font =
		"font-family='system-ui, -apple-system, Segoe UI, PingFang SC, Microsoft YaHei, sans-serif'";
	const rows = lines
		.map(
			(line, i) =>
				`<text x='24' y='${92 + i * 28}' font-size='15' fill='#5b6475' ${font}>${escape(line.label)}</text>` +
				`<text x='${width - 24}' y='${92 + i * 28}' font-size='15' font-weight='600' text-anchor='end' fill='#1d2330' ${font}>${escape(line.value)}</text>`
		)
		.join('');
	const foot = footer
		? `<text x='24' y='${height - 22}' font-size='14' fill='#2657d9' ${font}>${escape(footer.slice(0, 70))}</text>`
		: '';
	return (
		`<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}'>` +
		`<rect width='${width}' height='${height}' rx='12' fill='#f5f7fa' stroke='#dfe3ea'/>` +
		`<text x='24' y='48' font-size='22' font-weight='700' fill='#1d2330' ${font}>${escape(title)}</text>` +
		rows +
		foot +
		`</svg>`
	);
}

/** Rasterises SVG text to PNG bytes at twice its size (sharp on high-density screens). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.width * 2;
		canvas.height = image.height * 2;
		const context = canvas.getContext('2d')!;
		context.scale(2, 2);
		context.drawImage(image, 0, 0);
		const blob = await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new LocalisedError('app.card_image_failed'))),
				'image/png'
			)
		);
		return new Uint8Array(await blob.arrayBuffer());
	} finally {
		URL.revokeObjectURL(url);
	}
}

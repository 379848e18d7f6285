/**
 * One colour per segment, class and stage, the same in every chart and table. Drawn from
 * colour-blind-safe sets (Okabe–Ito and Paul Tol's muted and light palettes): neighbours in
 * meaning get different hues, and the "gone" groups (lost, churned, other) are greys.
 */
const COLOURS: Record<string, string> = {
	// The classic 11 RFM segments.
	champions: '#117733',
	loyal_customers: '#44AA99',
	potential_loyalist: '#88CCEE',
	new_customers: '#332288',
	promising: '#0072B2',
	need_attention: '#DDCC77',
	about_to_sleep: '#E69F00',
	at_risk: '#CC6677',
	cant_lose_them: '#882255',
	hibernating: '#999933',
	lost: '#888888',
	// The 8 classes of Chinese practice (重要价值客户 …).
	important_value: '#117733',
	important_develop: '#0072B2',
	important_keep: '#E69F00',
	important_retain: '#CC6677',
	general_value: '#44AA99',
	general_develop: '#88CCEE',
	general_keep: '#DDCC77',
	general_retain: '#AAAAAA',
	// Lifecycle stages.
	potential: '#AA4499',
	new: '#332288',
	active: '#117733',
	loyal: '#44AA99',
	reactivated: '#88CCEE',
	churned: '#888888',
	// No rule matched; no purchase yet.
	other: '#BBBBBB',
	not_yet: '#DDDDDD'
};
// `at_risk` is both a segment and a stage: one colour serves both.

/**
 * Clusters by number (1 is the largest): Paul Tol's vibrant set first, colour-blind safe up to
 * seven clusters, then his high-contrast and muted colours up to twelve.
 */
const CLUSTER_COLOURS = [
	'#0077BB',
	'#EE7733',
	'#009988',
	'#EE3377',
	'#33BBEE',
	'#CC3311',
	'#AA4499',
	'#DDAA33',
	'#004488',
	'#999933',
	'#882255',
	'#BBBBBB'
];

/** The colour of cluster `n` (numbered from 1), the same in every chart and table. */
export function clusterColour(n: number): string {
	return CLUSTER_COLOURS[
		(((Math.round(n) - 1) % CLUSTER_COLOURS.length) + CLUSTER_COLOURS.length) %
			CLUSTER_COLOURS.length
	];
}

/** The colour of a key; a key of the person's own (an edited rule table) gets a stable one. */
export function colourOf(key: string): string {
	// Own keys only: a segment the person named `constructor` is not Object's.
	if (Object.hasOwn(COLOURS, key)) return COLOURS[key];
	const numbered = /^cluster_(\d+)$/.exec(key);
	if (numbered) return clusterColour(Number(numbered[1]));
	const spare = [
		'#0072B2',
		'#E69F00',
		'#009E73',
		'#CC79A7',
		'#56B4E9',
		'#D55E00',
		'#332288',
		'#999933'
	];
	let hash = 0;
	for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
	return spare[hash % spare.length];
}

/** Dark or light text, whichever reads better on `background` (WCAG relative luminance). */
export function inkOn(background: string): string {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(background.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	return luminance > 0.179 ? '#1d2330' : '#ffffff';
}

/**
 * A Vega-Lite colour scale for the keys in `rows[field]`, on their labels (`${field}_label`):
 * only the groups present, each in its own colour.
 */
export function keyedColourScale(
	rows: readonly Record<string, unknown>[],
	field: string
): { domain: string[]; range: string[] } {
	const pairs = new Map<string, string>();
	for (const row of rows) {
		const key = row[field];
		if (key !== null && key !== undefined)
			pairs.set(String(row[`${field}_label`] ?? key), String(key));
	}
	return { domain: [...pairs.keys()], range: [...pairs.values()].map(colourOf) };
}

/**
 * A Vega-Lite colour scale for clusters: each label in `rows[labelField]` in the colour of its
 * cluster number (`rows[numberField]`), listed by number. Names can repeat or be renamed, so the
 * number, not the name, picks the colour.
 */
export function clusterColourScale(
	rows: readonly Record<string, unknown>[],
	labelField = 'cluster_name_label',
	numberField = 'cluster'
): { domain: string[]; range: string[] } {
	const numbers = new Map<string, number>();
	for (const row of rows) {
		const n = row[numberField];
		const label = row[labelField];
		if (
			typeof n === 'number' &&
			label !== null &&
			label !== undefined &&
			!numbers.has(String(label))
		)
			numbers.set(String(label), n);
	}
	const pairs = [...numbers].sort((a, b) => a[1] - b[1]);
	return { domain: pairs.map(([label]) => label), range: pairs.map(([, n]) => clusterColour(n)) };
}

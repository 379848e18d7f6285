/** Persona parameters: which grouping to describe, and which attribute to compare. */
import { oneOf, record } from '../params';

export interface PersonasConfig {
	/** RFM segments, lifecycle stages or k-means clusters. */
	source: 'rfm' | 'lifecycle' | 'clusters';
	/** An attribute column of `transactions` whose mix is compared with the whole base. */
	attribute: string | null;
}

export const PERSONAS_DEFAULTS: PersonasConfig = { source: 'rfm', attribute: null };

/** The trust boundary: the attribute is any short name (it is quoted, and checked by DuckDB). */
export function parsePersonasConfig(input: unknown): PersonasConfig {
	const o = record(input);
	const attribute =
		typeof o.attribute === 'string' && o.attribute.length > 0 && o.attribute.length <= 128
			? o.attribute
			: null;
	return { source: oneOf(o.source, ['rfm', 'lifecycle', 'clusters'], 'rfm'), attribute };
}

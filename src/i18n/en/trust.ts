/**
 * English messages: numbers a person can defend (issue #25): the ABC crossing convention, the
 * growth chart's incomplete period and how the clusters cell chooses k and names its clusters.
 */
export const trust = {
	'abc_params.crossing': 'Item crossing a bound',
	'abc_params.crossing_help':
		'With the cumulative method, the item whose running share passes 80 % (or the B bound) either stays in A (A then holds a little more than 80 %; the largest item is always A) or falls in B (A then holds at most 80 %, and is empty when the largest item alone is over it).',
	'abc_params.crossing_within': 'stays in the class (A up to and including it)',
	'abc_params.crossing_next': 'falls in the next class (A at most the bound)',
	'abc_params.in_force_within':
		'In force: an item is A while the share before it is under {a} %, so the item that crosses {a} % is A.',
	'abc_params.in_force_next':
		'In force: an item is A when its cumulative share, itself included, is at most {a} %, so the item that crosses {a} % is B.',
	'lifecycle.incomplete_note': 'incomplete',
	'clusters.choice_caption': 'How k was chosen: each k tried on the sample',
	'clusters.choice_k': 'k',
	'clusters.choice_marks': 'Criterion',
	'clusters.choice_chosen': 'kept',
	'clusters.choice_elbow': 'elbow',
	'clusters.choice_best': 'best silhouette',
	'clusters.chosen_k': 'k kept',
	'clusters.centre_caption':
		'Names come from each centre against the thirds of all customers: days since the last order at most {r1} recent, over {r2} lapsed; orders at most {f1} rare, over {f2} frequent; spend at most {m1} low, over {m2} high.'
};

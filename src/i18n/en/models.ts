/** English messages: the purchase models of the lifetime-value cell (src/ui/cells/ClvFit.svelte). */
export const models = {
	'models.progress': '{model}, iteration {iteration}: log-likelihood {ll}',
	'models.outlook':
		'{n} {n|customer is|customers are} expected to make {purchases} purchases worth {value} in the next {horizon} {unit}; {gone} {gone|is|are} probably gone (P(alive) < 0.5).',
	'models.outlook_no_value':
		'{n} {n|customer is|customers are} expected to make {purchases} purchases in the next {horizon} {unit}; {gone} {gone|is|are} probably gone (P(alive) < 0.5).',
	'models.picked_holdout':
		'Predicted with {model}: of the three models it came closest on the hold-out, {mae} purchases per customer off on average.',
	'models.picked_bic':
		'Predicted with {model}: with no hold-out set, it fits the calibration period best (lowest BIC). Set a hold-out to compare the models on purchases they did not see.',
	'models.picked_setting': 'Predicted with {model}, as set.',
	'models.not_converged': '{model} did not converge: treat its figures with care.',
	'models.details': 'The three models compared, with their parameters',
	'models.fitted_on': 'Fitted on {n} customers; times in {unit}.',
	'models.col_model': 'Model',
	'models.col_mae': 'Hold-out error per customer',
	'models.col_totals': 'Hold-out purchases, predicted / actual',
	'models.col_ll': 'Log-likelihood',
	'models.col_bic': 'BIC',
	'models.col_params': 'Parameters',
	'models.col_cost': 'Iterations, time',
	'models.in_use': 'in use',
	'models.no_holdout': 'no hold-out',
	'models.skipped':
		'{model} was not tried: with {n} distinct purchase histories its fit takes too long here. Choose it in the settings to fit it.',
	'models.setting': 'Model',
	'models.setting_auto': 'Best of the three (hold-out error, else BIC)',
	'models.setting_help':
		'BG/NBD, MBG/NBD (one-time buyers may have left) and Pareto/NBD are all fitted; this one predicts.'
};

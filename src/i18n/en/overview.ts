/** English messages: the overview shown first after Apply (src/ui/Overview.svelte). */
export const overview = {
	'overview.title': 'Overview',
	'overview.working': 'Working out the overview…',
	'overview.failed': 'The overview could not be worked out: {reason}',
	'overview.tiles_label': 'Headline figures',
	'overview.customers': 'Customers',
	'overview.customers_note': 'with a purchase',
	'overview.customers_refund_only': 'with a purchase; {n} more with refunds only',
	'overview.revenue': 'Net revenue',
	'overview.revenue_note': 'refunds taken off',
	'overview.orders': 'Orders',
	'overview.orders_note': '{n} per customer',
	'overview.period': 'Period covered',
	'overview.period_note': '{n} {n|day|days}',
	'overview.repeat': 'Repeat customers',
	'overview.repeat_note': '{n} bought twice or more',
	'overview.top': 'Revenue from the top {share}',
	'overview.top_note': 'of customers, by net spend',
	'overview.retention': 'Month-1 retention',
	'overview.retention_note':
		'{n} latest complete cohorts, {from} – {to}: {size} {size|customer|customers}',
	'overview.retention_none': 'no cohort has a complete next month yet',
	'overview.at_risk': 'Customers at risk',
	'overview.at_risk_note': '{spent} revenue · {segments}',
	'overview.after_rfm': 'once the RFM cell has run',
	'overview.findings_title': 'What stands out',
	'overview.no_findings':
		'Nothing clears the thresholds for a finding: shares need at least {min} customers with a purchase, and a change in retention at least 5 points.',
	'overview.finding_concentration': '{customers} of customers bring {revenue} of net revenue.',
	'overview.finding_lapsed_loyal':
		'{n} {n|customer|customers} who bought {orders} times or more have not bought for {days} days or more; they spent {spent} in all.',
	'overview.finding_retention_fell':
		'Month-1 retention fell from {before} to {after} (cohorts {from} – {to}, against the three before them).',
	'overview.finding_retention_rose':
		'Month-1 retention rose from {before} to {after} (cohorts {from} – {to}, against the three before them).',
	'overview.finding_top_segment':
		'{segment}: {customers} of customers bring {revenue} of net revenue.',
	'overview.finding_at_risk':
		'{n} {n|customer|customers} at risk ({segments}) brought {spent}, {share} of net revenue.',
	'overview.finding_repeat':
		'Customers who bought more than once are {customers} of customers and bring {revenue} of net revenue.',
	'overview.see_cell': 'See {title}',
	'overview.segments_title': 'Segments and what to do',
	'overview.segments_caption':
		'Customers by RFM segment, biggest net revenue first, with the recommended action',
	'overview.segments_region': 'Segment table (scrolls sideways)',
	'overview.col_segment': 'Segment',
	'overview.col_customers': 'Customers',
	'overview.col_customer_share': 'Share of customers',
	'overview.col_revenue_share': 'Share of revenue',
	'overview.col_recency': 'Avg. days since last order',
	'overview.col_frequency': 'Avg. orders',
	'overview.col_spend': 'Avg. net spend',
	'overview.col_action': 'Recommended action',
	'overview.col_export': 'List',
	'overview.export': 'Export',
	'overview.export_label': 'Export the customers of {segment} (CSV)',
	'overview.segments_waiting': 'The segment table follows once the RFM cell has run.',
	'overview.segments_failed':
		'The segment table could not be made from the RFM cell’s table: {reason}',
	'overview.definitions':
		'Net revenue counts every kept row, refunds taken off, as in the data-quality report; customers are those with a purchase, as in the RFM cell. Month-1 retention: the share of a month’s new customers who buy again in the next calendar month.'
} as const;

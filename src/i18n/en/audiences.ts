/** English messages: contact columns in the mapping, and audiences (src/ui/audiences/). */
export const audiences = {
	'contacts.role_email': 'Email',
	'contacts.role_phone': 'Phone',
	'contacts.role_name': 'Name',
	'contacts.hint': 'optional · only in audience exports',
	'contacts.legend': 'Contact columns',
	'contacts.note':
		'Contacts stay in this browser: they appear only in the audience files you download, never in charts, links or saved settings.',
	'audiences.title': 'Audiences',
	'audiences.intro':
		'Turn a segment into a campaign list: open a segment, stage, class or cluster (click it in a chart, or Export in the segment table), then Add as audience.',
	'audiences.empty': 'No audience yet.',
	'audiences.add': 'Add as audience',
	'audiences.added': 'Added “{name}” to the audiences below the notebook.',
	'audiences.customers': '{n} {n|customer|customers}',
	'audiences.revenue': 'revenue {amount}',
	'audiences.counting': 'counting…',
	'audiences.remove': 'Remove',
	'audiences.remove_label': 'Remove the audience “{name}”',
	'audiences.choose_label': 'Export the audience “{name}”',
	'audiences.narrow': 'Narrow by',
	'audiences.attribute': 'Attribute',
	'audiences.value': 'Value',
	'audiences.add_filter': 'Add',
	'audiences.filter_label': '{attribute} = {value}',
	'audiences.remove_filter': 'Remove the condition {condition}',
	'audiences.format': 'File',
	'audiences.format_full': 'Full list (CSV: segment, action, R/F/M, CLV, attributes, contacts)',
	'audiences.format_mailchimp': 'Mailchimp import (Email Address, First Name, Phone Number, Tags)',
	'audiences.format_klaviyo': 'Klaviyo import (Email, First Name, Phone Number, Tags)',
	'audiences.format_google': 'Google Customer Match, hashed (SHA-256)',
	'audiences.format_meta': 'Meta custom audience, hashed (SHA-256)',
	'audiences.format_tags': 'Tags for a CRM (customer_id, tag)',
	'audiences.country': 'Country code for numbers without one',
	'audiences.download': 'Download',
	'audiences.download_many': 'Download {n} as .zip',
	'audiences.no_contacts':
		'This file needs an email or phone column: choose one under Contact columns in the mapping and apply it.',
	'audiences.hashed_note':
		'Emails and phones are normalised as the platform asks and hashed in this page; the raw contacts are not in the file.',
	'progress.exporting_audiences': 'Writing the audience files'
};

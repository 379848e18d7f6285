/**
 * The column headers the email platforms import, in their own (English) words: Mailchimp's and
 * Klaviyo's import templates name them so, in any language of the page.
 */
export const PLATFORM_HEADERS = {
	mailchimp: ['Email Address', 'First Name', 'Phone Number', 'Tags'],
	klaviyo: ['Email', 'First Name', 'Phone Number', 'Tags']
} as const;

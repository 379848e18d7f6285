/** English messages: app. Keys are `area.what`; see ../t.ts for placeholders and plurals. */
export const app = {
	'app.language': 'Language',
	'app.rows_count': '{n} {n|row|rows}'
} as const;

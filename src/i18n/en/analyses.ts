/** English messages: analyses. Keys are `area.what`; see ../t.ts for placeholders and plurals. */
export const analyses = {
} as const;

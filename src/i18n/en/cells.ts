/** English messages: cells. Keys are `area.what`; see ../t.ts for placeholders and plurals. */
export const cells = {
} as const;

/** English messages: engine. Keys are `area.what`; see ../t.ts for placeholders and plurals. */
export const engine = {
} as const;

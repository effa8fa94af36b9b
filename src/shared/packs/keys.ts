/** Storage keys of the pack state, apart from the checks so the content script can import them alone. */
export const IMPORTED_RULES_KEY = 'importedRules';
export const LAST_IMPORT_KEY = 'lastImport';
/** Stored rules that failed the checks when read: kept as they were, never used (shared/packs/state.ts). */
export const SET_ASIDE_KEY = 'rulesSetAside';

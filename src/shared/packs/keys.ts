/** Storage keys of the pack state, apart from the checks so the content script can import them alone. */
export const IMPORTED_RULES_KEY = 'importedRules';
export const LAST_IMPORT_KEY = 'lastImport';

/** The service's messages come from src/i18n.ts (one i18next instance for the whole product). */
export { i18n, negotiateLanguage, translator, uiLanguages } from '../src/i18n.ts';

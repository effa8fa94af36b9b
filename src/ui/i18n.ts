/** The pages' strings, from _locales/<lang>/messages.json (the browser's own API, as in ./api.ts). */
import { extensionApi } from '../shared/extension-api';

const browser = extensionApi();

/** A string from _locales/<lang>/messages.json. */
export const t = (key: string, ...substitutions: string[]) => browser.i18n.getMessage(key, substitutions);
export const uiLanguage = () => browser.i18n.getUILanguage();
/**
 * The language of the strings the pages show (the _locales folder the browser picked), e.g.
 * "zh-CN". Not always uiLanguage(): headless Chromium started with --lang=zh-CN shows the zh_CN
 * strings while its getUILanguage() still says en-US.
 */
export const pagesLanguage = () => t('languageTag') || uiLanguage();

/**
 * A stand-in for the extension API in jsdom (the polyfill refuses to load outside an extension,
 * and jsdom has no `browser` global): i18n answers from the real _locales files, with Chrome's placeholder rules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function readLocale(locale: 'en' | 'zh_CN'): Messages {
  return JSON.parse(readFileSync(resolve(__dirname, `../../../public/_locales/${locale}/messages.json`), 'utf8'));
}

export function getMessageFrom(messages: Messages) {
  return (key: string, substitutions: string | string[] = []): string => {
    const entry = messages[key];
    if (!entry) return '';
    const values = Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => values[Number(n) - 1] ?? '');
    });
  };
}

export function fakeBrowser(locale: 'en' | 'zh_CN' = 'en') {
  return {
    i18n: { getMessage: getMessageFrom(readLocale(locale)), getUILanguage: () => (locale === 'en' ? 'en-US' : 'zh-CN') },
    runtime: {
      getURL: (path: string) => `chrome-extension://test/${path}`,
      sendMessage: async (_message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> => ({ ok: true, value: null }),
    },
    storage: { onChanged: { addListener() {}, removeListener() {} } },
  };
}

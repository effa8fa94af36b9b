import { PERSONA_NAME, pseudonymFor } from '../../shared/persona';
import type { Mode } from '../../shared/settings';
import { t } from '../i18n';

/** The key the preview derives its example pseudonym from: any stable text would do. */
export const EXAMPLE_KEY = 'example';

/**
 * What the page will show: the user's own identity wearing their label, and everyone else as
 * "momo" (or, in pseudonym mode, a stable "momo·xxxx" with a tinted avatar).
 */
export function PersonaPreview({ label, mode, salt }: { label: string; mode: Mode; salt: string }) {
  const other = mode === 'pseudonym' ? pseudonymFor(salt, EXAMPLE_KEY) : { name: PERSONA_NAME, hue: 0 };
  return (
    <div class="preview" role="group" aria-label={t('previewTitle')}>
      <span class="chip chip-self" data-testid="preview-self">
        <img src="/momo-avatar.svg" alt="" width={24} height={24} />
        <span class="chip-name" data-testid="preview-self-name">
          {label}
        </span>
        <span class="chip-who">{t('previewYou')}</span>
      </span>
      <span class="chip" data-testid="preview-other">
        <img src="/momo-avatar.svg" alt="" width={24} height={24} style={other.hue ? { filter: `hue-rotate(${other.hue}deg)` } : undefined} />
        <span class="chip-name" data-testid="preview-other-name">
          {other.name}
        </span>
        <span class="chip-who">{t('previewOthers')}</span>
      </span>
    </div>
  );
}

import type { Settings } from '../../shared/settings';
import { CATEGORIES, type Category } from '../../shared/rule/fields';
import { t } from '../i18n';
import { categoryKey } from './categories';

export function CategoryList({ settings, onCategory }: { settings: Settings; onCategory: (category: Category, on: boolean) => void }) {
  return (
    <fieldset class="categories">
      <legend>{t('categoriesLegend')}</legend>
      <div class="checks">
        {CATEGORIES.map((category) => (
          <label class="check" key={category}>
            <input type="checkbox" data-testid={`category-${category}`} checked={settings.categories[category]} onChange={(e) => onCategory(category, e.currentTarget.checked)} />
            <span>{t(categoryKey(category))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

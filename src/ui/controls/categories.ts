import type { Category } from '../../shared/rule/fields';

/** Locale key of a category's name: "category" + the id with a capital ("categoryTextNames"). */
export const categoryKey = (category: Category) => `category${category[0].toUpperCase()}${category.slice(1)}`;

/**
 * Deliberately broken copies of the built Chrome extension, to prove the detectors can fail.
 * The product code is never touched: the copy gets an extra content script, one rule's selector
 * replaced in the built files, or the artwork no longer drawn over the avatars the engine marks.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_DIST } from './chromium';

export type Sabotage = 'mask-one-task-late' | 'names-rule-removed' | 'avatars-not-drawn';

/** Runs before our content script in the same isolated world: every observer callback waits one task. */
const ONE_TASK_LATE = `(() => {
  const Native = MutationObserver;
  globalThis.MutationObserver = class extends Native {
    constructor(callback) { super((records, observer) => setTimeout(() => callback(records, observer), 0)); }
  };
})();\n`;

export function sabotagedBuild(sabotage: Sabotage): string {
  const dir = join(mkdtempSync(join(tmpdir(), `momo-${sabotage}-`)), 'chrome');
  cpSync(CHROME_DIST, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (sabotage === 'mask-one-task-late') {
    writeFileSync(join(dir, 'sabotage.js'), ONE_TASK_LATE);
    for (const site of manifest.content_scripts.filter((s: { js?: string[]; world?: string }) => s.js?.length && !s.world)) site.js.unshift('sabotage.js');
    writeFileSync(manifestPath, JSON.stringify(manifest));
  } else if (sabotage === 'avatars-not-drawn') {
    // The demo site's stylesheet keeps marking avatars as masked (their hiding lifts) but draws nothing over them.
    const file = join(dir, 'src/site-css/demo.css');
    const text = readFileSync(file, 'utf8');
    const next = text.replace(/^\s*content: url\([^)]*\) !important;\n/m, '');
    if (next === text) throw new Error('sabotage found no drawing rule in demo.css');
    writeFileSync(file, next);
  } else {
    // The demo rule's names selector, removed from the site's rule script and from its hiding stylesheet;
    // and its profile address, which the profile-link layer would catch the names by (each name is a
    // link to its person's profile): what a names rule that no longer matches would show.
    const files = [join(dir, 'src/site-rules/demo.js'), join(dir, 'src/site-css/demo.css')];
    let replaced = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // In the stylesheet the selector is plain; in the rule script it is JSON, with escaped quotes.
      const next = text.split('display-name').join('sabotaged-name').split('/live/profile/{key}').join('/sabotaged/{key}');
      replaced += text === next ? 0 : 1;
      writeFileSync(file, next);
    }
    if (replaced < 2 || !readFileSync(files[0], 'utf8').includes('/sabotaged/{key}')) throw new Error('sabotage found nothing to remove: the demo rule changed shape');
  }
  return dir;
}

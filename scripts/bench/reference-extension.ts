/**
 * The least an extension can do, loaded next to Momo Mask in the same browser as the reference for
 * the popup and worker figures: a page with one module script that reads storage and writes one
 * heading, and a worker with one message listener. What it measures is the browser's own cost of
 * opening an extension page in a tab and of waking an extension worker on this machine, so the
 * report can say how much of each figure is the extension's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REFERENCE_WORKER = 'reference-worker.js';
export const REFERENCE_PAGE = 'reference.html';

export function writeReferenceExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'momo-bench-reference-'));
  const manifest = {
    manifest_version: 3,
    name: 'Momo Mask bench reference',
    version: '1.0.0',
    background: { service_worker: REFERENCE_WORKER, type: 'module' },
    permissions: ['storage'],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, REFERENCE_WORKER), 'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true, value: null }); });\n');
  writeFileSync(
    join(dir, REFERENCE_PAGE),
    '<!doctype html>\n<html><head><meta charset="utf-8"><title>reference</title><script type="module" src="/reference.js"></script></head><body><main id="app"></main></body></html>\n',
  );
  writeFileSync(
    join(dir, 'reference.js'),
    "chrome.storage.local.get('settings').then(() => { const heading = document.createElement('h1'); heading.textContent = 'Momo Mask'; document.getElementById('app').append(heading); });\n",
  );
  return dir;
}

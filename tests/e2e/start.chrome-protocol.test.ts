/**
 * `npm start` with Google Chrome, which ignores --load-extension (137+): the extension must come in
 * through the DevTools protocol. Played by Debian's Chromium behind a wrapper that says it is Google
 * Chrome and, like Chrome, drops --load-extension: so masking shows only if the protocol path works.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { expectMaskedShots, runDemoHeadless } from './start.shared';

function fakeChrome(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'momo-fake-chrome-')), 'google-chrome');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then echo "Google Chrome 150.0.7700.0"; exit 0; fi',
      'for arg; do shift; case "$arg" in --load-extension=*|--disable-extensions-except=*) ;; *) set -- "$@" "$arg";; esac; done',
      'exec /usr/bin/chromium "$@"',
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

it('loads the extension through the DevTools protocol in Chrome and screenshots the feed masked', async () => {
  const run = await runDemoHeadless(fakeChrome());
  expect(run.stdout).toContain('Using Google Chrome 150');
  expect(run.stdout).toContain('Extensions.loadUnpacked');
  expectMaskedShots(run);
}, 60_000);

#!/usr/bin/env bash
# Checks fixture pages in real Chromium with a private build of the extension.
# Usage: scripts/check-fixture.sh '<regex of fixture ids, e.g. ^douban/>' [chromium|firefox]
# Builds into /tmp/momo-check-$USER-$$ (not dist/, so it can run beside other builds), then runs
# the fixture tests (real-pages for pages the sites rendered, saved-pages for hand-written ones) for
# the matching fixtures and prints what leaked or failed.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern=${1:?give a regex of fixture ids}
browser=${2:-chromium}
out=$(mktemp -d /tmp/momo-check-XXXX)
MOMO_OUT=$out npx vite build --mode "${browser/chromium/chrome}" --logLevel error >/dev/null
MOMO_DIST=$out FIXTURES=$pattern HOME=$(mktemp -d) npx vitest run --project e2e "tests/e2e/real-pages.$browser.test.ts" "tests/e2e/saved-pages.$browser.test.ts"

// Temporary pointer for rule authors (removed before landing): run
//   scripts/check-fixture.sh '<regex of fixture ids, e.g. ^douban/>' [chromium|firefox]
// It builds the extension privately and runs the real-browser saved-pages test on those fixtures.

/*
 * The paint probe: runs in the page's own world from the first byte of <head> and checks, on every
 * frame, what is about to be painted. The check runs in a ResizeObserver callback, which browsers
 * call after all requestAnimationFrame callbacks (and their microtasks) and after layout, right
 * before paint: an identity that is unmasked at that point is on screen in that frame.
 * It knows people by the page's own markup and by their real names, never by the extension's marks.
 * window.__probe = { frames, violations: [{ frame, kind, what }], checks }: a function pushed onto
 * `checks` runs after this probe's own check on every frame, given { report, seen, painted } (the
 * bench's real-markup feeds: tests/fixtures/bench/site-probe.js).
 */
(() => {
  const names = JSON.parse(document.currentScript.dataset.names || '[]');
  const violations = [];
  let frames = 0;
  const seen = (el) => el.isConnected && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  // What the box paints: CSS `content` drawn over the <img> wins over its src.
  const painted = (img) => {
    const content = getComputedStyle(img).content;
    return content.startsWith('url(') ? content : img.getAttribute('src') || '';
  };
  const report = (kind, what) => {
    if (violations.length < 200) violations.push({ frame: frames, kind, what, url: location.pathname });
  };

  const checks = [];

  function check() {
    frames++;
    for (const img of document.querySelectorAll('img[data-role="avatar"]')) {
      const picture = painted(img);
      if (!picture.includes('momo-avatar') && seen(img)) report('avatar', picture);
    }
    for (const el of document.querySelectorAll('[data-role="display-name"], [data-role="handle"], [data-role="mention"]')) {
      if (!seen(el)) continue;
      const text = el.textContent || '';
      const who = names.find((name) => text.includes(name));
      if (who) report(el.dataset.role, who);
    }
    for (const more of checks) more({ report, seen, painted });
  }

  const ticker = document.createElement('div');
  ticker.style.cssText = 'position:fixed;left:0;top:0;height:1px;width:1px;pointer-events:none;opacity:0';
  new ResizeObserver(check).observe(ticker);
  const tick = () => {
    ticker.style.width = ticker.style.width === '1px' ? '2px' : '1px';
    requestAnimationFrame(tick);
  };
  const mount = () => (document.documentElement.append(ticker), requestAnimationFrame(tick));
  if (document.documentElement) mount();
  else document.addEventListener('readystatechange', mount, { once: true });
  window.__probe = {
    violations,
    checks,
    get frames() {
      return frames;
    },
  };
})();

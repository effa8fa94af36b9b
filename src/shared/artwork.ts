/**
 * The momo artwork. Pages get it as a data: URL, never at an extension address: a page that can
 * load or read `chrome-extension://<id>/…` learns that Momo Mask is installed, and in Firefox the
 * address carries this install's random UUID, an identifier that is the same on every site and
 * survives cookie clears. A data: URL names nothing but the picture, the same for every install.
 * The site stylesheets (content/masker.ts drawingStylesheet), the masker's inline styles (shadow
 * roots, sites the user added, background avatars, SVG images) and the picker all use AVATAR_DATA_URL.
 *
 * AVATAR_SVG is public/momo-avatar.svg, which the extension's own pages (popup, options) show as
 * a file, without its line breaks (bytes of the size-bound content script);
 * tests/unit/content/artwork.test.ts keeps the two the same.
 */
export const AVATAR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" id="momo-avatar" width="128" height="128" viewBox="0 0 128 128">' +
  '<rect width="128" height="128" fill="#ffe4ee"/>' +
  '<circle cx="64" cy="64" r="60" fill="#ffd3e2"/>' +
  '<g stroke="#b83a66" stroke-width="3" stroke-linejoin="round">' +
  '<g fill="#f0628f">' +
  '<path d="M45 36Q44 24 49 21Q54 26 57 32Z"/>' +
  '<path d="M56 31Q58 15 64 12Q70 15 72 31Z"/>' +
  '<path d="M71 32Q74 26 79 21Q84 24 83 36Z"/>' +
  '</g>' +
  '<path d="M64 30C88 30 100 44 102 60C110 66 110 96 92 102Q64 110 36 102C18 96 18 66 26 60C28 44 40 30 64 30Z" fill="#ff9dc0"/>' +
  '</g>' +
  '<ellipse cx="64" cy="86" rx="32" ry="16" fill="#ffc9dc"/>' +
  '<g fill="#f57aa4">' +
  '<circle cx="55" cy="41" r="3"/>' +
  '<circle cx="64" cy="38" r="2.2"/>' +
  '<circle cx="73" cy="41" r="3"/>' +
  '</g>' +
  '<g fill="#3b1f2e">' +
  '<circle cx="46" cy="60" r="8"/>' +
  '<circle cx="82" cy="60" r="8"/>' +
  '</g>' +
  '<g fill="#fff">' +
  '<circle cx="49" cy="57" r="3"/>' +
  '<circle cx="85" cy="57" r="3"/>' +
  '<circle cx="44" cy="63" r="1.5"/>' +
  '<circle cx="80" cy="63" r="1.5"/>' +
  '</g>' +
  '<g fill="#ff6b9b">' +
  '<ellipse cx="32" cy="78" rx="7" ry="4.5" opacity=".55"/>' +
  '<ellipse cx="96" cy="78" rx="7" ry="4.5" opacity=".55"/>' +
  '</g>' +
  '<g fill="#b83a66">' +
  '<ellipse cx="57" cy="76" rx="2.2" ry="1.6"/>' +
  '<ellipse cx="71" cy="76" rx="2.2" ry="1.6"/>' +
  '</g>' +
  '<path d="M50 87Q64 97 78 87" fill="none" stroke="#3b1f2e" stroke-width="3" stroke-linecap="round"/>' +
  '<path d="M56 90.8 58.5 95.5 61 92.2ZM67 92.2 69.5 95.5 72 90.8Z" fill="#fff"/>' +
  '</svg>';

/**
 * An SVG as a data: URL that can stand inside `url("…")` in a stylesheet or a style attribute:
 * line breaks between its tags go, double quotes become single ones, and the characters a URL or
 * a CSS string would read otherwise (%, #, <, >) are percent-encoded. ASCII in, ASCII out.
 */
export function svgDataUrl(svg: string): string {
  const escaped = svg
    .replace(/\r?\n/g, '')
    .replace(/"/g, "'")
    .replace(/[%#<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `data:image/svg+xml,${escaped}`;
}

export const AVATAR_DATA_URL = svgDataUrl(AVATAR_SVG);

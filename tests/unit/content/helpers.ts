import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { BUILT_IN_RULES } from '../../../src/rules';
import type { SiteRule } from '../../../src/shared/rule/fields';
import type { Fixture } from '../../e2e/harness/fixtures';
import { compileRule } from '../../../src/content/compile-rule';
import { MaskEngine, type Persona } from '../../../src/content/mask-engine';
import { AVATAR_DATA_URL } from '../../../src/shared/artwork';
import { cloneDefaults } from '../../../src/shared/settings';

/** The artwork as the masker draws it. */
export const AVATAR = AVATAR_DATA_URL;

export const TEST_RULE: SiteRule = {
  id: 'test',
  name: 'Test site',
  hosts: ['example.test'],
  avatars: ['img.avatar', '.avatar-box'],
  names: ['.name'],
  handles: ['.handle'],
  mentions: ['.post a.mention'],
  locations: ['.location'],
  locationText: ['.meta'],
  attributes: [{ selector: 'x-comment', names: ['author'] }],
  shadowHosts: ['x-card'],
  titles: ['{name} (@{handle}) / Test'],
  self: ['.me .name'],
};

const running: MaskEngine[] = [];

/** Whether the artwork is drawn over this <img> by its own inline style (where no site stylesheet does it). */
export const drawsArtwork = (img: Element) => (img as HTMLElement).style.content === `url("${AVATAR}")`;

export const PERSONA: Persona = { label: 'milk-tea mo', mode: 'crowd', salt: '', site: 'test', ownHandles: new Set() };

/** `siteSheet`: as on a built-in site, whose manifest stylesheet draws what the engine marks (jsdom has no such sheet). */
export function startEngine(
  rule: SiteRule = TEST_RULE,
  doc: Document = document,
  persona: Partial<Persona> = {},
  categories = cloneDefaults().categories,
  siteSheet = false,
): MaskEngine {
  const engine = new MaskEngine(doc, compileRule(rule, categories), { ...PERSONA, ...persona }, siteSheet);
  engine.start();
  running.push(engine);
  return engine;
}

/** Stops every engine a test started, so none keeps observing the next test's document. */
export function stopEngines(): void {
  for (const engine of running.splice(0)) engine.stop();
}

export function post(i: number): string {
  return `<article class="post" id="p${i}">
    <img class="avatar" src="https://cdn.example.test/a${i}.jpg" srcset="https://cdn.example.test/a${i}@2x.jpg 2x" alt="Person ${i}">
    <a class="name" href="/u${i}" title="Person ${i}">Person ${i} <img class="emoji" src="/e.png" alt="🌸"></a>
    <span class="handle">@person${i}</span>
    <span class="location">Lisbon</span>
    <div class="meta">IP属地：广东 · 3小时前</div>
    <p class="post">hello <a class="mention" href="/friend">@friend${i}</a> and <a class="mention" href="/tag">#tag</a></p>
  </article>`;
}

/** Waits for MutationObserver callbacks (microtasks) to run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Serialises every attribute of every element under `root`, in order, plus the text: an exact fingerprint. */
export function fingerprint(root: Element): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(`#${(node as Text).data}`);
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      out.push(`<${el.localName} ${[...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ')}>`);
    }
    node.childNodes.forEach(walk);
  };
  walk(root);
  return out.join('\n');
}

/** The built-in rule for a page at `url`. */
export function builtInRuleFor(url: string): SiteRule {
  const host = new URL(url).hostname;
  return BUILT_IN_RULES.find((rule) => rule.hosts.some((h) => host === h || host.endsWith(`.${h}`)))!;
}

/** A saved page as the document, without its scripts, at its own address (profile links resolve as on the site). */
export function loadSavedPage(fixture: Fixture): void {
  document.documentElement.innerHTML = fixture.html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const base = document.createElement('base');
  base.href = fixture.expected.url;
  document.head.prepend(base);
}

/**
 * The hooks of a test file on saved pages: CSS.escape, which jsdom lacks, stubbed (rules that key
 * people by an attribute read it); after each test its engines stopped and the page emptied.
 */
export function onSavedPages(): void {
  beforeAll(() => {
    if (!globalThis.CSS?.escape) vi.stubGlobal('CSS', { escape: (value: string) => value });
  });
  afterAll(() => vi.unstubAllGlobals());
  afterEach(() => {
    stopEngines();
    document.documentElement.innerHTML = '<head></head><body></body>';
  });
}

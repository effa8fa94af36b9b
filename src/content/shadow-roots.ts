/**
 * The shadow roots the engine knows and which of them it observes. A root announced by the
 * MAIN-world hook cannot be found again by a scan of the document, so roots are remembered across
 * stop/start; but a root the page discards must go with its host, or the engine keeps every short-
 * lived root for ever (4,500 of them kept 414,008 DOM nodes). So a sweep forgets the roots whose
 * host has been out of the document for SWEEP_GRACE_MS, and the engine stops observing them:
 * - The grace keeps a root its page attached to a host not placed yet (a framework builds a tree of
 *   components off the document, then inserts it): it is in the document long before the grace ends.
 * - Sweeps run when the number of roots known has doubled since the last one, which bounds the
 *   registry while a page churns, and SWEEP_GRACE_MS after the page removed something while roots
 *   were known (MaskEngine schedules it): never on every mutation. A sweep reads isConnected once
 *   per root, so its cost is O(1) per root added, or a few per second.
 * A host the page puts back later as the top of what it adds is found again (MaskEngine.scanSubtree).
 */
export const SWEEP_GRACE_MS = 1_000;
/** Sweep no earlier than this many roots: a page with a few components never pays for one. */
const FIRST_SWEEP = 32;

export class ShadowRoots {
  readonly #known = new Set<ShadowRoot>();
  /** Roots under observation since the engine last started. */
  #observing = new WeakSet<ShadowRoot>();
  /** When a sweep first found each root's host out of the document; forgotten when a sweep finds it back. */
  readonly #outSince = new WeakMap<ShadowRoot, number>();
  #sweepAt = FIRST_SWEEP;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** How many roots are known (and held). */
  get size(): number {
    return this.#known.size;
  }

  /** Records `root` as known and observed; false when it was observed already. */
  observe(root: ShadowRoot): boolean {
    if (this.#observing.has(root)) return false;
    this.#known.add(root);
    this.#observing.add(root);
    return true;
  }

  /** The roots observed since the engine started. */
  *observed(): Generator<ShadowRoot> {
    for (const root of this.#known) if (this.#observing.has(root)) yield root;
  }

  /** Known roots whose host is in the document: what a start observes again. */
  inDocument(): ShadowRoot[] {
    return [...this.#known].filter((root) => root.host.isConnected);
  }

  /** The engine stopped: nothing is observed, everything stays known. */
  stopObserving(): void {
    this.#observing = new WeakSet();
  }

  /** Whether enough roots were added since the last sweep for another. */
  get sweepDue(): boolean {
    return this.#known.size >= this.#sweepAt;
  }

  /**
   * Forgets the roots whose host has been out of the document for the grace. `droppedObserved`: an
   * observed root went (the observer must let go of it); `waiting`: some host is out, not for long
   * enough yet (another sweep is due when the grace has passed).
   */
  sweep(): { droppedObserved: boolean; waiting: boolean } {
    const now = this.now();
    let droppedObserved = false;
    let waiting = false;
    for (const root of this.#known) {
      if (root.host.isConnected) {
        this.#outSince.delete(root);
        continue;
      }
      const since = this.#outSince.get(root);
      if (since === undefined || now - since < SWEEP_GRACE_MS) {
        if (since === undefined) this.#outSince.set(root, now);
        waiting = true;
        continue;
      }
      this.#known.delete(root);
      droppedObserved = this.#observing.delete(root) || droppedObserved;
    }
    this.#sweepAt = Math.max(FIRST_SWEEP, 2 * this.#known.size);
    return { droppedObserved, waiting };
  }
}

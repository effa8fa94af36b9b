import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  checkSubscriptionUrl,
  SUBSCRIPTIONS_KEY,
  subscriptionOrigins,
  type SiteChange,
  type Subscription,
  type SubscriptionUrlProblem,
  type WaitingChoice,
  type WaitingPart,
  waitingKey,
} from '../../shared/packs/subscription';
import { ask, onStoredChange, WorkerRefusal } from '../../ui/api';
import { pagesLanguage, t } from '../../ui/i18n';
import { fieldLabel, Lines, RuleDiffView } from '../components/packs-section';
import { DIFF_FIELDS, ruleDiff, type DiffField } from './rule-diff';

const URL_PROBLEMS: Record<SubscriptionUrlProblem, string> = {
  notUrl: 'subsUrlNotUrl',
  notHttps: 'subsUrlNotHttps',
  credentials: 'subsUrlCredentials',
  tooLong: 'subsUrlTooLong',
};
const OUTCOMES = { updated: 'subsOutcomeUpdated', unchanged: 'subsOutcomeUnchanged', refused: 'subsOutcomeRefused', failed: 'subsOutcomeFailed' } as const;
const CHANGES: Record<SiteChange['kind'], string> = {
  added: 'subsChangeAdded',
  changed: 'subsChangeChanged',
  merged: 'subsChangeMerged',
  'kept-mine': 'subsChangeKeptMine',
  removed: 'subsChangeRemoved',
  'switched-off': 'subsChangeSwitchedOff',
};
const WAITS: Record<WaitingPart['kind'], string> = { conflict: 'subsWaitConflict', weakens: 'subsWaitWeakens', removed: 'subsWaitRemoved', 'switch-off': 'subsWaitSwitchOff' };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const when = (iso: string) => new Date(iso).toLocaleString(pagesLanguage());
const listText = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : value === undefined ? [] : [String(value)];
const unitLabel = (unit: string) => ((DIFF_FIELDS as readonly string[]).includes(unit) ? fieldLabel(unit as DiffField) : unit);

/**
 * Subscriptions to packs at an HTTPS address. The origin's permission is requested by the click
 * itself, before anything is awaited (browsers grant a request only in answer to the user's
 * action); the worker then checks the grant, fetches, and stores the subscription only if the pack
 * passes an import's checks. Parts of an update that wait for the user are answered here.
 */
export function Subscriptions({ known, onChanged }: { known: Readonly<Record<string, string>>; onChanged?: () => void }) {
  const [list, setList] = useState<Subscription[]>([]);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; lines?: string[]; problem: boolean } | null>(null);
  const load = () => void ask('page:get-subscriptions').then(setList, (e) => setMessage({ text: t('popupError', errorText(e)), problem: true }));
  // Updated from elsewhere too: the daily check, another options page.
  useEffect(() => {
    load();
    return onStoredChange([SUBSCRIPTIONS_KEY], load);
  }, []);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) setMessage({ text: done, problem: false });
      onChanged?.();
    } catch (e) {
      // A refusal says why, line by line; anything else is the worker out of reach.
      if (e instanceof WorkerRefusal) setMessage({ text: t('subsRefused'), lines: e.message.split('\n'), problem: true });
      else setMessage({ text: t('popupError', errorText(e)), problem: true });
    } finally {
      setBusy(false);
      load();
    }
  };

  const subscribe = (e: Event) => {
    e.preventDefault();
    const checked = checkSubscriptionUrl(typed);
    if ('error' in checked) return setMessage({ text: t(URL_PROBLEMS[checked.code], typed.trim()), problem: true });
    // In the click, before any await: the browser asks for this one origin.
    const asked = browser.permissions.request({ origins: subscriptionOrigins(checked.hostname) });
    void run(async () => {
      if (!(await asked)) throw new WorkerRefusal(t('subsDenied', checked.hostname));
      const subscription = await ask('page:subscribe', { url: checked.url });
      setTyped('');
      setMessage({ text: t('subsDone', subscription.title), problem: false });
    });
  };

  return (
    <div class="pack-subscriptions" role="group" aria-labelledby="subs-title" data-testid="subscriptions">
      <h3 id="subs-title">{t('subsTitle')}</h3>
      <p class="hint">{t('subsHint')}</p>
      <form class="add-handle" onSubmit={subscribe}>
        <label for="subs-url">{t('subsUrlLabel')}</label>
        <input id="subs-url" type="url" spellcheck={false} data-testid="subs-url" placeholder="https://" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        <button type="submit" data-testid="subs-subscribe" disabled={busy}>
          {t('subsSubscribe')}
        </button>
      </form>
      <div role="status" data-testid="subs-message" data-kind={message ? (message.problem ? 'problem' : 'done') : ''}>
        {message && (
          <>
            <p class={message.problem ? 'problem' : 'hint'}>{message.text}</p>
            <Lines lines={message.lines} problem={message.problem} />
          </>
        )}
      </div>
      {list.length ? (
        <ul class="pack-sites" data-testid="subs-list">
          {list.map((subscription) => (
            <SubscriptionItem
              key={subscription.url}
              subscription={subscription}
              known={known}
              busy={busy}
              onCheck={() => void run(() => ask('page:check-subscription', { url: subscription.url }))}
              onUnsubscribe={() => void run(() => ask('page:unsubscribe', { url: subscription.url }), t('subsUnsubscribed', subscription.title))}
              onAnswer={(key, choice) => void run(() => ask('page:resolve-subscription', { url: subscription.url, key, choice }))}
            />
          ))}
        </ul>
      ) : (
        <p class="hint">{t('subsNone')}</p>
      )}
    </div>
  );
}

function SubscriptionItem(props: {
  subscription: Subscription;
  known: Readonly<Record<string, string>>;
  busy: boolean;
  onCheck: () => void;
  onUnsubscribe: () => void;
  onAnswer: (key: string, choice: WaitingChoice) => void;
}) {
  const { subscription: sub, known } = props;
  const name = (siteId: string) => sub.base[siteId]?.name ?? (Object.hasOwn(known, siteId) ? known[siteId] : siteId);
  const check = sub.lastCheck;
  const update = sub.lastUpdate;
  return (
    <li class="pack-site" data-testid="subs-item" data-url={sub.url} data-waiting={sub.waiting.length}>
      <div class="pack-site-head">
        <strong data-testid="subs-item-title">{sub.title}</strong>
        {sub.packVersion && <span class="tag">{t('packMetaVersion', sub.packVersion)}</span>}
      </div>
      <p class="hint">{sub.url}</p>
      <p class="hint" data-testid="subs-last-check">
        {check ? t('subsLastCheck', when(check.at), t(OUTCOMES[check.outcome])) : t('subsNeverChecked')}
      </p>
      {check?.problems && check.problems.length > 0 && <Lines lines={check.problems} problem />}
      <div data-testid="subs-last-update">
        {update ? (
          <>
            <p>{t('subsLastUpdate', when(update.at))}</p>
            {update.changelog && <p class="pack-description">{t('subsChangelog', update.changelog)}</p>}
            <ul class="pack-lines">
              {update.changes.map((change) => {
                const diff = ruleDiff(change.before, change.after);
                return (
                  <li key={`${change.siteId}-${change.kind}`} data-site={change.siteId} data-kind={change.kind}>
                    {t(CHANGES[change.kind], name(change.siteId))}
                    {diff.length > 0 && <RuleDiffView diff={diff} testId={`subs-diff-${change.siteId}`} />}
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p class="hint">{t('subsNoUpdate')}</p>
        )}
      </div>
      {sub.waiting.length > 0 && (
        <div class="pack-weakens" data-testid="subs-waiting">
          <p>
            <strong>{t('subsWaitingTitle')}</strong>
          </p>
          {sub.waiting.map((part) => (
            <WaitingView key={waitingKey(part)} part={part} site={name(part.siteId)} busy={props.busy} onAnswer={(choice) => props.onAnswer(waitingKey(part), choice)} />
          ))}
        </div>
      )}
      <div class="actions">
        <button type="button" data-testid="subs-check" disabled={props.busy} onClick={props.onCheck}>
          {t('subsCheckNow')}
        </button>
        <button type="button" data-testid="subs-unsubscribe" disabled={props.busy} onClick={props.onUnsubscribe}>
          {t('subsUnsubscribe')}
        </button>
      </div>
    </li>
  );
}

/** One waiting part: what it is, both sides of a conflict, what it would drop, and its two answers. */
function WaitingView({ part, site, busy, onAnswer }: { part: WaitingPart; site: string; busy: boolean; onAnswer: (choice: WaitingChoice) => void }) {
  const answers: [WaitingChoice, string][] =
    part.kind === 'conflict'
      ? [
          ['keep-mine', 'packKeepMine'],
          ['take-theirs', 'packTakeTheirs'],
        ]
      : [
          ['apply', 'subsApply'],
          ['skip', 'subsSkip'],
        ];
  return (
    <div class="pack-site" data-testid={`subs-wait-${waitingKey(part)}`} data-kind={part.kind}>
      <p>{t(WAITS[part.kind], site)}</p>
      {part.conflicts && part.conflicts.length > 0 && (
        <dl class="pack-diff" data-testid={`subs-conflict-${part.siteId}`}>
          {part.conflicts.map((conflict) => (
            <div key={conflict.unit} data-field={conflict.unit}>
              <dt>{unitLabel(conflict.unit)}</dt>
              <dd data-side="mine">
                <span class="hint">{t('subsMine')}</span>
                {listText(conflict.mine).map((item) => (
                  <code key={item}>{item}</code>
                ))}
              </dd>
              <dd data-side="theirs">
                <span class="hint">{t('subsTheirs')}</span>
                {listText(conflict.theirs).map((item) => (
                  <code key={item}>{item}</code>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <Lines lines={part.problems} problem />
      {part.drops && part.drops.length > 0 && (
        <ul class="pack-lines" data-testid={`subs-drops-${part.siteId}`}>
          {part.drops.map((drop) => (
            <li key={drop.field}>
              {unitLabel(drop.field)}: {drop.items.join(', ')}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {answers.map(([choice, label]) => (
          <button type="button" key={choice} data-testid={`subs-answer-${choice}`} disabled={busy} onClick={() => onAnswer(choice)}>
            {t(label)}
          </button>
        ))}
      </div>
    </div>
  );
}

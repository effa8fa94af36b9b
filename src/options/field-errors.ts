/**
 * The worker refuses a rule with one line per problem, "names[1]: contains url( …". These helpers
 * place each line next to the field it names, and word the schema's known messages in the user's
 * language. Pure, for unit tests.
 */
export interface FieldIssue {
  /** "names[1]", "attributes[0].selector", "hosts"; "" when the line names no field. */
  field: string;
  message: string;
}

const LINE = /^([A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_][\w]*)*): ([\s\S]*)$/;

export function parseIssues(error: string): FieldIssue[] {
  return error
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = LINE.exec(line);
      return match ? { field: match[1], message: match[2] } : { field: '', message: line };
    });
}

export interface PlacedIssues {
  /** Messages by the editor key they are shown at. */
  at: Map<string, string[]>;
  /** Lines no field of the editor matches ("rule: …", a refusal of the whole message): shown above the form. */
  unplaced: string[];
}

/**
 * Each issue goes to the most specific key of the editor that contains it: "names[1]" to the second
 * names row, "attributes[0].names[2]" to the first attribute row's names field (with its own path in
 * the message, as that field holds several names).
 */
export function placeIssues(issues: FieldIssue[], keys: readonly string[]): PlacedIssues {
  const at = new Map<string, string[]>();
  const unplaced: string[] = [];
  const known = new Set(keys);
  for (const issue of issues) {
    let key = known.has(issue.field) ? issue.field : '';
    if (!key && issue.field) {
      for (const candidate of keys) {
        const contains = issue.field.startsWith(`${candidate}[`) || issue.field.startsWith(`${candidate}.`);
        if (contains && candidate.length > key.length) key = candidate;
      }
    }
    if (!key) {
      unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
      continue;
    }
    const text = key === issue.field ? issue.message : `${issue.field.slice(key.length).replace(/^\./, '')}: ${issue.message}`;
    at.set(key, [...(at.get(key) ?? []), text]);
  }
  return { at, unplaced };
}

/**
 * The rule checker's common messages (src/shared/rule/check.ts and the checks it calls) in the
 * user's language; any other text is shown as the worker wrote it.
 */
const KNOWN: [RegExp, string][] = [
  [/^is empty$/, 'issueEmpty'],
  [/^is longer than (\d+) characters$/, 'issueTooLong'],
  [/^contains "\{", "\}" or ";"/, 'issueCssText'],
  [/^contains "?url\(/, 'issueUrl'],
  [/^contains "?@import/, 'issueImport'],
  [/^contains control characters$/, 'issueControl'],
  [/^has \d+ selectors; at most (\d+)$/, 'issueTooMany'],
  [/is not a host name/, 'issueHost'],
  [/^needs at least one host$/, 'issueNoHost'],
  [/^must start with "\/" and contain \{key\}/, 'issuePath'],
  [/^is not an attribute name$/, 'issueAttribute'],
  [/^must contain \{name\} or \{handle\}$/, 'issueTitle'],
  [/^must be lowercase letters, digits and dashes/, 'issueId'],
  [/^would match most of the page/, 'issueTooBroad'],
];

/** The locale keys localizeIssue may use. */
export const ISSUE_KEYS = KNOWN.map(([, key]) => key);

export function localizeIssue(message: string, translate: (key: string, ...substitutions: string[]) => string): string {
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return translate(key, ...match.slice(1)) || message;
  }
  return message;
}

/** Localizes the message part of a placed line ("[1]: is empty" keeps its "[1]: "). */
export function localizeLine(line: string, translate: (key: string, ...substitutions: string[]) => string): string {
  const match = /^((?:[\w.[\]]+): )?([\s\S]*)$/.exec(line)!;
  return `${match[1] ?? ''}${localizeIssue(match[2], translate)}`;
}

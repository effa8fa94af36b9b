/**
 * `virtual:public-suffix-list`: the Public Suffix List (ICANN and private sections) as one string,
 * a rule per line in the list's own syntax ("co.uk", "*.ck", "!www.ck"), read at build time from
 * the pinned tldts package's data. The worker and the options page import the string and build a
 * Set on first use (src/shared/public-suffix.ts): evaluating tldts's own 130 KB trie took ~10 ms of
 * every worker wake, for a list only adding a site or reading a pack needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const ID = 'virtual:public-suffix-list';

/** tldts's flat trie: node flags (0 = no rule ends here), edges per node (labels stored reversed). */
interface FlatTrie {
  nodeFlags: number[];
  edgeStart: number[];
  edgeLength: number[];
  edgeChild: number[];
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

function readTldtsTrie(): FlatTrie {
  const file = join(dirname(createRequire(import.meta.url).resolve('tldts/package.json')), 'dist/es6/src/data/trie.js');
  const source = readFileSync(file, 'utf8');
  const value = (name: string): unknown => {
    const found = new RegExp(`export const ${name} = (?:/\\*#__PURE__\\*/ new \\w+\\()?([^;]*?)\\)?;`).exec(source);
    if (!found) throw new Error(`public suffix list: ${file} no longer exports ${name} as expected (was tldts upgraded?)`);
    return JSON.parse(found[1]);
  };
  return {
    nodeFlags: value('nodeFlags') as number[],
    edgeStart: value('edgeStart') as number[],
    edgeLength: value('edgeLength') as number[],
    edgeChild: value('edgeChild') as number[],
    labelText: value('labelText') as string,
    rulesRoot: value('rulesRoot') as number,
    exceptionsRoot: value('exceptionsRoot') as number,
  };
}

/** Every rule of the list, exceptions with their "!", in a stable order. */
export function publicSuffixRules(trie: FlatTrie = readTldtsTrie()): string[] {
  // Labels are laid out edge after edge, node after node (tldts/src/suffix-trie.ts derives the same offsets).
  const edgeOffset: number[] = [];
  for (let edge = 0, offset = 0; edge < trie.edgeLength.length; edge++) {
    edgeOffset.push(offset);
    offset += trie.edgeLength[edge];
  }
  const rules = new Set<string>();
  const visit = (node: number, suffix: string, prefix: string) => {
    if (suffix && trie.nodeFlags[node] !== 0) rules.add(prefix + suffix);
    for (let edge = trie.edgeStart[node]; edge < trie.edgeStart[node + 1]; edge++) {
      const label = trie.labelText.slice(edgeOffset[edge], edgeOffset[edge] + trie.edgeLength[edge]);
      visit(trie.edgeChild[edge], suffix ? `${label}.${suffix}` : label, prefix);
    }
  };
  visit(trie.rulesRoot, '', '');
  visit(trie.exceptionsRoot, '', '!');
  if (rules.size < 5000 || !rules.has('co.uk') || !rules.has('github.io')) throw new Error(`public suffix list: read only ${rules.size} rules from tldts`);
  return [...rules].sort();
}

export function publicSuffixPlugin(): Plugin {
  const resolved = `\0${ID}`;
  return {
    name: 'momo:public-suffix-list',
    resolveId: (id) => (id === ID ? resolved : undefined),
    load: (id) => (id === resolved ? `export default ${JSON.stringify(publicSuffixRules().join('\n'))};` : undefined),
  };
}

/**
 * The shape of src/: no import circle (a module in one is loaded half-made by the other), and the
 * API client imports nothing from the bot side, so that it could be published alone.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/projectRoot.js';

const SRC = join(PROJECT_ROOT, 'src');

/** Every module in src/ and the modules of src/ it imports, type-only imports included. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const targets = [...code.matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
    graph.set(relative(SRC, file), targets.map((t) => relative(SRC, t)));
  }
  return graph;
}

/** The circles in a graph, each as the modules along it (found by depth-first search). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    const at = path.indexOf(node);
    if (at !== -1) {
      found.push([...path.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('src/ imports', () => {
  const graph = importGraph();

  it('are read from every module', () => {
    assert.ok(graph.size > 50, `${graph.size} modules`);
    assert.ok(graph.get(join('features', 'listTickets.ts'))?.includes(join('features', 'context.ts')), 'listTickets imports the context');
  });

  it('form no circle', () => {
    assert.deepEqual(circles(graph).map((c) => c.join(' → ')), []);
  });

  it('finds a circle when there is one', () => {
    assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])).map((c) => c.join(' → ')), ['a → b → c → a']);
  });

  it('keep the API client free of the bot side', () => {
    const outside = [...graph].filter(([file]) => file.startsWith('ticketing/'))
      .flatMap(([file, targets]) => targets.filter((t) => !t.startsWith('ticketing/')).map((t) => `${file} → ${t}`));
    assert.deepEqual(outside, []);
  });
});

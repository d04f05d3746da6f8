/**
 * French chat commands, read as the English ones: `liste urgent ouvert moi` is `list urgent open
 * mine`, `résoudre 12 …` is `resolve 12 …`. Accents and case are optional. Only command words and
 * filter words are read this way, in the places the command takes them: a title, a comment or a
 * search stays as typed.
 */

/** Lower case, accents off: "Résoudre" and "resoudre" are one word. */
function bare(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Maps, not objects: a typed word such as "constructor" must not find something inherited.
/** French command word → the English one. */
const COMMAND_WORDS = new Map(Object.entries({
  aide: 'help', liste: 'list', lister: 'list', afficher: 'show', voir: 'show', creer: 'create', nouveau: 'create',
  demarrer: 'start', commencer: 'start', resoudre: 'resolve', fermer: 'close', clore: 'close', rouvrir: 'reopen',
  deplacer: 'move', commenter: 'comment', commentaire: 'comment', assigner: 'assign', attribuer: 'assign', desassigner: 'unassign',
  priorite: 'priority', historique: 'history', etiquettes: 'tags', rapport: 'report', notifier: 'notify',
}));

/** The French command words, accents off, for putting a slip right. */
export const FRENCH_COMMAND_WORDS: readonly string[] = [...COMMAND_WORDS.keys()];

/** French priorities (any gender or number) → the English ones. */
const PRIORITY_WORDS = new Map(Object.entries({
  basse: 'low', basses: 'low', faible: 'low', faibles: 'low', moyenne: 'medium', moyennes: 'medium', moyen: 'medium',
  importante: 'important', importantes: 'important', importants: 'important', urgente: 'urgent', urgentes: 'urgent', urgents: 'urgent',
}));

/** What `list` takes besides priorities: statuses (any gender or number) and "mine". */
const LIST_WORDS = new Map(Object.entries({
  ouvert: 'open', ouverts: 'open', ouverte: 'open', ouvertes: 'open',
  rouvert: 'reopened', rouverts: 'reopened', rouverte: 'reopened', rouvertes: 'reopened',
  demarre: 'started', demarres: 'started', demarree: 'started', demarrees: 'started', 'en-cours': 'in-progress', encours: 'in-progress',
  resolu: 'resolved', resolus: 'resolved', resolue: 'resolved', resolues: 'resolved',
  ferme: 'closed', fermes: 'closed', fermee: 'closed', fermees: 'closed',
  moi: 'mine', mes: 'mine', tous: 'all', toutes: 'all',
  'non-assigne': 'unassigned', 'non-assignes': 'unassigned', 'non-assignee': 'unassigned', 'non-assignees': 'unassigned',
  retard: 'overdue', 'en-retard': 'overdue',
}));

/** The resolutions `résoudre 12 résolution:annulé` takes → the API's. */
const RESOLUTION_WORDS = new Map(Object.entries({
  corrige: 'fixed', corriges: 'fixed', corrigee: 'fixed', annule: 'cancelled', annulee: 'cancelled', impossible: 'cannotResolve',
}));

/** What `notify` takes: `notifier nouveaux`, `notifier non`, `notifier moi oui`. */
const NOTIFY_WORDS = new Map(Object.entries({
  nouveau: 'new', nouveaux: 'new', nouvelles: 'new', urgents: 'urgent', urgente: 'urgent', urgentes: 'urgent',
  tous: 'all', toutes: 'all', tout: 'all', non: 'off', arret: 'off', oui: 'on', moi: 'me',
}));

const ASSIGNED = /^assigne(?:e|s|es)?$/;

/** The list filters of `words` (the words after the command) in English, word for word. */
function listWords(words: string[]): string[] {
  return words.map((typed, i) => {
    const word = bare(typed);
    // "assignés à moi" is "assigned to me", word for word.
    if (ASSIGNED.test(word) && bare(words[i + 1] ?? '') === 'a' && bare(words[i + 2] ?? '') === 'moi') return 'assigned';
    if (i >= 2 && word === 'moi' && bare(words[i - 1]!) === 'a' && ASSIGNED.test(bare(words[i - 2]!))) return 'me';
    if (i >= 1 && word === 'a' && bare(words[i + 1] ?? '') === 'moi' && ASSIGNED.test(bare(words[i - 1]!))) return 'to';
    if (word.startsWith('etiquette:')) return `tag:${typed.slice('etiquette:'.length)}`;
    return LIST_WORDS.get(word) ?? PRIORITY_WORDS.get(word) ?? typed;
  });
}

/** `rapport 30j aujourd'hui ce mois étiquette:vpn assignés à moi` → `report 30d today this month tag:vpn assigned to me`, word for word. */
function reportWords(words: string[]): string[] {
  return words.map((typed, i) => {
    const word = bare(typed);
    const before = bare(words[i - 1] ?? '');
    const after = bare(words[i + 1] ?? '');
    const days = /^(\d{1,3})j$/.exec(word);
    if (days) return `${days[1]}d`;
    if (word === "aujourd'hui" || word === 'aujourd’hui' || word === 'aujourdhui') return 'today';
    if (word === 'ce' && /^mois(?:-ci)?$/.test(after)) return 'this';
    if (/^mois(?:-ci)?$/.test(word) && before === 'ce') return 'month';
    if (word.startsWith('etiquette:')) return `tag:${typed.slice('etiquette:'.length)}`;
    // "assignés à Lee" is "assigned to Lee"; "assignés à moi" is "assigned to me".
    if (ASSIGNED.test(word) && after === 'a') return 'assigned';
    if (word === 'a' && ASSIGNED.test(before)) return 'to';
    if (word === 'moi' && before === 'a' && ASSIGNED.test(bare(words[i - 2] ?? ''))) return 'me';
    return typed;
  });
}

/** After the ticket number: `résolution:annulé` or `résolution: annulé` → `resolution:cancelled`, word for word. */
function resolutionWords(words: string[]): string[] {
  const option = bare(words[1] ?? '').match(/^resolution:(.*)$/);
  if (!option) return words;
  const english = [...words];
  if (option[1]) english[1] = `resolution:${RESOLUTION_WORDS.get(option[1]) ?? option[1]}`;
  else {
    english[1] = 'resolution:';
    if (words[2] !== undefined) english[2] = RESOLUTION_WORDS.get(bare(words[2])) ?? words[2];
  }
  return english;
}

/** The words after a command, its French filter and period words in English. */
function argumentWords(command: string, words: string[]): string[] {
  switch (command) {
    case 'list':
    case 'ls':
      return listWords(words);
    case 'assign':
      return words.map((w, i) => (i === 1 && bare(w) === 'moi' ? 'me' : w));
    case 'priority':
      return words.map((w, i) => (i === 1 ? PRIORITY_WORDS.get(bare(w)) ?? w : w));
    case 'resolve':
      return resolutionWords(words);
    case 'report':
      return reportWords(words);
    case 'notify':
      return words.map((w, i) => (i > 1 ? w : bare(w).startsWith('etiquette:') ? `tag:${w.slice('etiquette:'.length)}` : NOTIFY_WORDS.get(bare(w)) ?? w));
    default:
      return words;
  }
}

/**
 * The trimmed text with French command and filter words in English, word for word, spacing and
 * line breaks kept; English text comes back unchanged. Free text is never read: for `commenter 12
 * moi aussi`, "moi aussi" is the comment.
 */
export function inEnglishWords(text: string): string {
  // Words at even places, the spaces between them at odd ones.
  const parts = text.split(/(\s+)/);
  const first = parts[0] ?? '';
  const command = COMMAND_WORDS.get(bare(first)) ?? first.toLowerCase();
  const words = parts.filter((_, i) => i % 2 === 0).slice(1);
  const english = [COMMAND_WORDS.has(bare(first)) ? command : first, ...argumentWords(command, words)];
  return parts.map((part, i) => (i % 2 === 0 ? english[i / 2]! : part)).join('');
}

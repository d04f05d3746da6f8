/**
 * An English command as a French person would type it: `resolve 12 resolution:cancelled Doublon`
 * is `résoudre 12 résolution:annulé Doublon`. The reverse of frenchCommands.ts, for the commands
 * the bot suggests (a corrected mistake, a shorter report); reading the French back gives the
 * same command (a test holds both directions together). Free text stays as written.
 */
import type { Language } from '../i18n/translate.js';

// Maps, not objects: the words come from what people typed, and "constructor" must not find Object's.
/** English command word → the French one the help teaches. */
const COMMANDS = new Map(Object.entries({
  help: 'aide', list: 'liste', show: 'afficher', create: 'créer', start: 'démarrer', resolve: 'résoudre', close: 'fermer',
  reopen: 'rouvrir', move: 'déplacer', comment: 'commenter', note: 'note', assign: 'assigner', unassign: 'désassigner', priority: 'priorité',
  history: 'historique', tags: 'étiquettes', report: 'rapport', notify: 'notifier',
}));

const PRIORITIES = new Map(Object.entries({ low: 'basse', medium: 'moyenne', important: 'importante', urgent: 'urgente' }));

/** What `list` takes besides priorities (the plural, as in "liste urgents ouverts"). */
const LIST_WORDS = new Map(Object.entries({
  open: 'ouverts', opened: 'ouverts', reopened: 'rouverts', started: 'démarrés', 'in-progress': 'en-cours', resolved: 'résolus',
  closed: 'fermés', mine: 'moi', my: 'moi', all: 'tous', unassigned: 'non-assignés', overdue: 'retard', late: 'retard',
}));

const RESOLUTIONS = new Map(Object.entries({ fixed: 'corrigé', cancelled: 'annulé', cannotresolve: 'impossible' }));

const NOTIFY_WORDS = new Map(Object.entries({ new: 'nouveaux', urgent: 'urgent', all: 'tous', off: 'non', on: 'oui', me: 'moi' }));

/** `tag:vpn` → `étiquette:vpn`; any other word unchanged. */
const tagWord = (word: string) => (word.toLowerCase().startsWith('tag:') ? `étiquette:${word.slice(4)}` : word);

/** `assigned to me` → `assignés à moi`, `assigned to Lee` → `assignés à Lee`, at any place among `words`. */
function assignedWords(words: string[], i: number): string | undefined {
  const lower = (j: number) => words[j]?.toLowerCase();
  if (lower(i) === 'assigned' && lower(i + 1) === 'to') return 'assignés';
  if (lower(i) === 'to' && lower(i - 1) === 'assigned') return 'à';
  if (lower(i) === 'me' && lower(i - 1) === 'to' && lower(i - 2) === 'assigned') return 'moi';
  return undefined;
}

/** The words after a command, in French. */
function argumentWords(command: string, words: string[]): string[] {
  return words.map((word, i) => {
    const lower = word.toLowerCase();
    switch (command) {
      case 'list':
        return assignedWords(words, i) ?? LIST_WORDS.get(lower) ?? PRIORITIES.get(lower) ?? tagWord(word);
      case 'report': {
        const days = /^(\d{1,3})d$/.exec(lower);
        if (days) return `${days[1]}j`;
        if (lower === 'today') return 'aujourd\'hui';
        if (lower === 'this' && words[i + 1]?.toLowerCase() === 'month') return 'ce';
        if (lower === 'month' && words[i - 1]?.toLowerCase() === 'this') return 'mois';
        return assignedWords(words, i) ?? tagWord(word);
      }
      case 'notify':
        return i <= 1 ? NOTIFY_WORDS.get(lower) ?? tagWord(word) : word;
      case 'assign':
        return i === 1 && lower === 'me' ? 'moi' : word;
      case 'priority':
        return i === 1 ? PRIORITIES.get(lower) ?? word : word;
      case 'resolve': {
        const option = /^resolution:(.*)$/i.exec(word);
        if (i === 1 && option) return `résolution:${RESOLUTIONS.get(option[1]!.toLowerCase()) ?? option[1]}`;
        return i === 2 && /^resolution:$/i.test(words[1] ?? '') ? RESOLUTIONS.get(lower) ?? word : word;
      }
      default:
        return word;
    }
  });
}

/** An English command in French, spacing and free text kept; a text that is no command comes back unchanged. */
export function commandInFrench(text: string): string {
  // Words at even places, the spaces between them at odd ones.
  const parts = text.split(/(\s+)/);
  const command = (parts[0] ?? '').toLowerCase();
  const french = COMMANDS.get(command);
  if (french === undefined) return text;
  const words = [french, ...argumentWords(command, parts.filter((_, i) => i % 2 === 0).slice(1))];
  return parts.map((part, i) => (i % 2 === 0 ? words[i / 2]! : part)).join('');
}

/** A command the bot suggests, in the words a person of `language` types. */
export function commandIn(language: Language, text: string): string {
  return language === 'fr' ? commandInFrench(text) : text;
}

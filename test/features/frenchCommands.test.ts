import assert from 'node:assert/strict';
import { inEnglishWords } from '../../src/features/frenchCommands.js';
import { parseCommand } from '../../src/features/parseCommand.js';

describe('French chat commands, read as the English ones', () => {
  // Each French command and what the English one parses to: the same command, accents optional.
  const cases: Array<[string, string]> = [
    ['aide', 'help'],
    ['Aide', 'help'],
    ['liste', 'list'],
    ['liste urgent', 'list urgent'],
    ['liste urgente ouverts moi', 'list urgent open mine'],
    ['lister résolus basse', 'list resolved low'],
    ['liste resolus basse', 'list resolved low'],
    ['liste fermées importante', 'list closed important'],
    ['liste rouverts moyenne', 'list reopened medium'],
    ['liste démarrés', 'list started'],
    ['liste assignés à moi', 'list assigned to me'],
    ['liste assignes a moi urgent', 'list assigned to me urgent'],
    ['liste étiquette:VPN imprimante "étage 2"', 'list tag:VPN imprimante "étage 2"'],
    ['liste etiquette:"Seattle HQ" ouvert', 'list tag:"Seattle HQ" open'],
    ['afficher 12', 'show 12'],
    ['voir #12', 'show #12'],
    ['créer Imprimante bloquée | Elle affiche E42', 'create Imprimante bloquée | Elle affiche E42'],
    ['creer Imprimante bloquée', 'create Imprimante bloquée'],
    ['démarrer 3', 'start 3'],
    ['résoudre 12', 'resolve 12'],
    ['RESOUDRE 12 Toner remplacé', 'resolve 12 Toner remplacé'],
    ['résoudre 12 résolution:annulé doublon du #11', 'resolve 12 resolution:cancelled doublon du #11'],
    ['résoudre 12 résolution: impossible', 'resolve 12 resolution: cannotResolve'],
    ['résoudre 12 resolution:corrigé', 'resolve 12 resolution:fixed'],
    ['fermer 3 fini', 'close 3 fini'],
    ['rouvrir 3 toujours en panne\ndeuxième ligne', 'reopen 3 toujours en panne\ndeuxième ligne'],
    ['déplacer 12 En attente', 'move 12 En attente'],
    ['commenter 5 J\'arrive', 'comment 5 J\'arrive'],
    ['assigner 12 moi', 'assign 12 me'],
    ['Désassigner 12', 'unassign 12'],
    ['attribuer 12 Adele.Vance@Contoso.com', 'assign 12 Adele.Vance@Contoso.com'],
    ['priorité 5 urgente', 'priority 5 urgent'],
    ['priorite 5 Basse', 'priority 5 low'],
    ['historique 9', 'history 9'],
    ['étiquettes', 'tags'],
    ['etiquettes', 'tags'],
  ];
  for (const [french, english] of cases) {
    it(`"${french.replace(/\n/g, '\\n')}" is "${english.replace(/\n/g, '\\n')}"`, () => {
      const parsed = parseCommand(french);
      assert.notEqual(parsed.name, 'notUnderstood', JSON.stringify(parsed));
      assert.deepEqual(parsed, parseCommand(english));
    });
  }

  it('leaves free text as typed: a comment, a title, a search, a state', () => {
    assert.deepEqual(parseCommand('commenter 5 moi aussi, urgent'), { name: 'comment', number: 5, text: 'moi aussi, urgent' });
    assert.deepEqual(parseCommand('créer Aide  pour   le VPN'), { name: 'create', title: 'Aide  pour   le VPN', description: undefined });
    assert.deepEqual(parseCommand('résoudre 12 fermé  et\nrésolu'), { name: 'status', number: 12, status: 'Resolved', resolution: undefined, comment: 'fermé  et\nrésolu' });
    assert.deepEqual(parseCommand('déplacer 12 Fermé'), { name: 'move', number: 12, state: 'Fermé' });
    assert.equal(inEnglishWords('comment 5 On my way'), 'comment 5 On my way', 'English comes back unchanged');
    assert.equal(inEnglishWords('list urgent open mine'), 'list urgent open mine');
  });

  it('says what it does not understand, as for English: a missing number, an unknown priority, an unknown word', () => {
    const noNumber = parseCommand('résoudre');
    assert.equal(noNumber.name, 'notUnderstood');
    assert.equal(parseCommand('priorité 5 énorme').name, 'notUnderstood');
    // Any other word after the number is an agent's name, as in English (`assign 5 Lee`).
    assert.deepEqual(parseCommand('assigner 5 lui'), parseCommand('assign 5 lui'));
    const unknown = parseCommand('supprimer 5');
    assert.ok(unknown.name === 'notUnderstood' && unknown.problem.includes('"supprimer"'), JSON.stringify(unknown));
    // A word such as "constructor" finds nothing inherited.
    assert.equal(parseCommand('constructor 5').name, 'notUnderstood');
    assert.equal(parseCommand('liste constructor').name, 'list');
  });
});

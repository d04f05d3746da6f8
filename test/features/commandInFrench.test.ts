import assert from 'node:assert/strict';
import { commandIn, commandInFrench } from '../../src/features/commandInFrench.js';
import { COMMAND_EXAMPLES, parseCommand } from '../../src/features/parseCommand.js';

/** Commands the bot suggests or writes for a person: corrected mistakes, report buttons, usages. */
const SUGGESTED = [
  'resolve 12 resolution:cancelled Duplicate of #11', 'resolve 12 resolution: fixed', 'resolve 12 resolution:cannotResolve',
  'assign 12 me', 'priority 12 urgent', 'priority 12 low', 'list urgent open mine', 'list all closed assigned to me',
  'list unassigned overdue tag:vpn important', 'list reopened in-progress resolved medium', 'report 7d', 'report 1d',
  'report this month tag:"Seattle HQ" assigned to "Lee Gu"', 'report 30d assigned to me', 'notify new', 'notify urgent',
  'notify all', 'notify off', 'notify tag:VPN', 'notify me off', 'notify me on', 'history 12', 'show 12', 'unassign 12',
];

describe('a suggested command in French', () => {
  it('is the same command when the French is read back, for every example and suggestion', () => {
    for (const english of [...Object.values(COMMAND_EXAMPLES), ...SUGGESTED]) {
      const french = commandInFrench(english);
      assert.notEqual(parseCommand(english).name, 'notUnderstood', english);
      assert.deepEqual(parseCommand(french), parseCommand(english), `${english} → ${french}`);
    }
  });

  it('reads as a French person types it, free text kept as written', () => {
    assert.equal(commandInFrench('resolve 12 resolution:cancelled Duplicate of #11'), 'résoudre 12 résolution:annulé Duplicate of #11');
    assert.equal(commandInFrench('priority 12 urgent'), 'priorité 12 urgente');
    assert.equal(commandInFrench('assign 12 me'), 'assigner 12 moi');
    assert.equal(commandInFrench('unassign 12'), 'désassigner 12');
    assert.equal(commandInFrench('report this month tag:vpn assigned to me'), 'rapport ce mois étiquette:vpn assignés à moi');
    assert.equal(commandInFrench('report 30d'), 'rapport 30j');
    assert.equal(commandInFrench('notify me off'), 'notifier moi non');
    assert.equal(commandInFrench('list urgent open mine'), 'liste urgente ouverts moi');
    assert.equal(commandInFrench('comment 12 me too'), 'commenter 12 me too');
    assert.equal(commandInFrench('My printer is broken'), 'My printer is broken', 'no command: unchanged');
    assert.equal(commandIn('en', 'priority 12 urgent'), 'priority 12 urgent');
  });
});

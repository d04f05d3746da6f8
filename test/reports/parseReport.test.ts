import assert from 'node:assert/strict';
import { parseCommand, tokenize } from '../../src/features/parseCommand.js';
import { isReportProblem, parseReportArgs, reportCommand } from '../../src/features/parseReport.js';
import { parseAction } from '../../src/features/parseAction.js';

describe('report command', () => {
  it('reads a period, a tag and an assignee in any order, with 7 days by default', () => {
    assert.deepEqual(parseCommand('report'), { name: 'report', request: { period: { kind: 'days', days: 7 } } });
    assert.deepEqual(parseCommand('Report 30D'), { name: 'report', request: { period: { kind: 'days', days: 30 } } });
    assert.deepEqual(parseCommand('report today'), { name: 'report', request: { period: { kind: 'days', days: 1 } } });
    assert.deepEqual(parseCommand('report tag:vpn this month assigned to me'), {
      name: 'report', request: { period: { kind: 'month' }, tag: 'vpn', assignee: 'me' },
    });
    assert.deepEqual(parseCommand('report assigned to Lee Gu 30d tag:"Seattle HQ"'), {
      name: 'report', request: { period: { kind: 'days', days: 30 }, tag: 'Seattle HQ', assignee: 'Lee Gu' },
    });
  });

  it('says what it did not understand, with the example', () => {
    const days = parseCommand('report 93d');
    assert.equal(days.name, 'notUnderstood');
    assert.match(days.name === 'notUnderstood' ? days.problem : '', /1 to 92 days/);
    const word = parseCommand('report yesterday');
    assert.equal(word.name === 'notUnderstood' ? word.suggestion : undefined, 'report 30d');
    assert.ok(isReportProblem(parseReportArgs(['assigned', 'to'])));
  });

  it('writes a request back as the command that asks for it, which a button carries', () => {
    for (const text of ['report 7d', 'report this month tag:"Seattle HQ" assigned to "Lee Gu"', 'report 1d assigned to me']) {
      const parsed = parseReportArgs(tokenize(text).slice(1));
      assert.ok(!isReportProblem(parsed));
      assert.equal(reportCommand(parsed), text);
      assert.deepEqual(parseAction('exportReport', { report: text }), { verb: 'exportReport', request: parsed });
    }
    assert.throws(() => parseAction('exportReport', { report: 'list 7d' }), /report button is damaged/);
    assert.throws(() => parseAction('report', { report: 'report '.repeat(200) }), /report button is damaged/);
  });
});

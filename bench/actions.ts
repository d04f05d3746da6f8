/** The activities the bench sends: Teams-shaped (test/support/activities.ts), per action. */
import type { Sandbox } from '../src/sandbox/index.js';
import { cardAction, createFormData, extensionInvoke, message, type Person } from '../test/support/activities.js';
import { verdictOf, type BenchConnector } from './connector.js';

export type Activity = { id: string } & Record<string, unknown>;
export type Kind = 'message' | 'invoke';

export interface ActionDef {
  name: string;
  kind: Kind;
  /** The next activity of this action (each call a new activity id; tickets and numbers rotate). */
  make(who: Person): Activity;
  /** What is wrong with the real bot's answer, if anything. */
  check(answer: { status: number; body: string }, activity: Activity): string | undefined;
}

/** A message's answer is the reply the connector received for it. */
export function messageCheck(connector: BenchConnector) {
  return (answer: { status: number }, activity: Activity): string | undefined => {
    if (answer.status !== 200) return `HTTP ${answer.status}`;
    const verdict = connector.takeVerdict(activity.id);
    if (verdict === undefined) return 'no reply';
    return verdict === 'ok' ? undefined : `reply: ${verdict}`;
  };
}

export function invokeCheck(expect: string) {
  return (answer: { status: number; body: string }): string | undefined => {
    if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
    const verdict = verdictOf(answer.body);
    if (verdict !== 'ok') return `answer: ${verdict}: ${answer.body.slice(0, 300)}`;
    return answer.body.includes(expect) ? undefined : `answer without ${expect}: ${answer.body.slice(0, 300)}`;
  };
}

/**
 * The benchmarked actions. `numbers` are ticket numbers to show; `pool` ticket ids to resolve:
 * before each Resolve click, the ticket is reopened in the sandbox's store if an earlier click
 * resolved it (a synchronous store call, made before the request's clock starts).
 */
export function benchActions(sandbox: Sandbox, connector: BenchConnector, serviceUrl: string, numbers: number[], pool: string[]): ActionDef[] {
  const where = { serviceUrl };
  const byMessage = messageCheck(connector);
  let shown = 0;
  let resolved = 0;
  let created = 0;
  const reopener = { id: 'bench-reopener', name: 'Bench Reopener', email: 'reopener@contoso.com' };
  return [
    { name: 'help', kind: 'message', make: (who) => message(who, 'help', where), check: byMessage },
    { name: 'list', kind: 'message', make: (who) => message(who, 'list', where), check: byMessage },
    {
      name: 'show <n>', kind: 'message',
      make: (who) => message(who, `show ${numbers[shown++ % numbers.length]}`, where),
      check: byMessage,
    },
    {
      name: 'Resolve click', kind: 'invoke',
      make: (who) => {
        const id = pool[resolved++ % pool.length]!;
        if (sandbox.store.find(id)?.status === 'Resolved') sandbox.store.changeStatus(id, { status: 'Reopened' }, reopener);
        return cardAction(who, 'resolve', { ticketId: id, resolution: 'fixed', comment: 'Fixed by the bench.' }, { ...where, replyToId: `card-${resolved}` });
      },
      check: invokeCheck('Resolved'),
    },
    {
      name: 'create submit', kind: 'invoke',
      make: (who) => extensionInvoke(who, 'composeExtension/submitAction', {
        // The default priority: the usual create, one API call in both dialects (section 3 also counts one with a priority).
        commandId: 'createTicket', commandContext: 'compose', data: { ...createFormData(`Bench ticket ${++created}`), priority: 'Medium' },
      }, where),
      check: invokeCheck('"composeExtension":{"type":"result"'),
    },
  ];
}

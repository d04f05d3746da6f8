/**
 * The floor a turn of ours is measured against: what our bot does outside itself for each action,
 * recorded from a turn of ours, for the floor bot (bench/botProcess.ts, kind `floor`) to do the
 * same with no logic of its own.
 */
import type { Sandbox } from '../src/sandbox/index.js';
import { ADELE } from '../test/support/activities.js';
import type { ActionDef, Activity, Kind } from './actions.js';
import type { BotHandle } from './botHandle.js';
import type { ActionPlan, FloorAction } from './botProcess.js';
import type { BenchConnector } from './connector.js';
import { BotClient } from './load.js';

/** The fields of a reply that our bot chooses (bench/botProcess.ts ActionPlan). */
const REPLY_FIELDS = ['text', 'summary', 'attachments', 'attachmentLayout', 'inputHint'] as const;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The bench's action names (bench/actions.ts) the floor bot knows. */
export const FLOOR_ACTIONS: Record<string, FloorAction> = { help: 'help', list: 'list', 'show <n>': 'show', 'Resolve click': 'resolve', 'create submit': 'create' };

/**
 * What our bot does outside itself for each action, recorded from one turn: the API request as the
 * sandbox received it (the ticket's UUID replaced by `{id}`), and the answer as sent (the reply the
 * connector received, or the invoke's answer). Each action's activity is sent twice, the second
 * time under a new id: the second turn is kept when its API use was a single successful request
 * (by then a number is known), else the first (a second Resolve of the same ticket meets a 409).
 */
export async function recordPlans(ours: BotHandle, sandbox: Sandbox, connector: BenchConnector, defs: ActionDef[]): Promise<Partial<Record<FloorAction, ActionPlan>>> {
  const client = new BotClient(ours.url);
  const plans: Partial<Record<FloorAction, ActionPlan>> = {};
  connector.keepReplies = true;
  const turn = async (activity: Activity, kind: Kind, wantsCall: boolean): Promise<ActionPlan | undefined> => {
    const r0 = sandbox.requests.length;
    connector.lastReply = undefined;
    const answer = await client.post(activity);
    const made = sandbox.requests.slice(r0).filter((r) => r.path !== '/instance' && r.path !== '/tags');
    const request = made[0];
    if (wantsCall ? !(made.length === 1 && request!.status >= 200 && request!.status < 300) : made.length > 0) return undefined;
    let reply: ActionPlan['reply'];
    if (kind === 'invoke') reply = { invokeBody: JSON.parse(answer.body) as unknown };
    else {
      if (connector.lastReply === undefined) return undefined;
      // What the bot put in the message; the rest (ids, conversation, addresses) the SDK adds for any bot.
      const sent = JSON.parse(connector.lastReply) as Record<string, unknown>;
      reply = Object.fromEntries(REPLY_FIELDS.filter((field) => sent[field] !== undefined).map((field) => [field, sent[field]])) as ActionPlan['reply'];
    }
    const call = request && wantsCall
      ? { method: request.method, path: request.path.slice(1).replace(UUID, '{id}'), query: request.query, ...(request.body ? { body: request.body } : {}) }
      : undefined;
    return { ...(call ? { call } : {}), reply };
  };
  for (const def of defs) {
    const action = FLOOR_ACTIONS[def.name];
    if (!action) continue;
    const activity = def.make(ADELE);
    const wantsCall = action !== 'help';
    const first = await turn(activity, def.kind, wantsCall);
    const plan = (await turn({ ...activity, id: `${activity.id}-again` }, def.kind, wantsCall)) ?? first;
    if (!plan) throw new Error(`${def.name}: no turn of ours made the one successful API request expected`);
    plans[action] = plan;
  }
  connector.keepReplies = false;
  connector.lastReply = undefined;
  connector.clearVerdicts();
  client.close();
  return plans;
}

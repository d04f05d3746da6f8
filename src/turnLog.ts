/** A logger per turn, kept in the turn's own state, so every record of a turn says which one it was. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from './log.js';

const TURN_LOG = Symbol('turnLog');

/** The turn's logger: a child of `log` with the activity's id, kind and conversation type (never what anyone wrote), made on first use. */
export function turnLog(context: TurnContext, log: Logger): Logger {
  const made = context.turnState.get(TURN_LOG) as Logger | undefined;
  if (made) return made;
  const { id, type, name, conversation } = context.activity;
  const child = log.child({ activityId: id, kind: name ?? type, conversationType: conversation?.conversationType });
  context.turnState.set(TURN_LOG, child);
  return child;
}

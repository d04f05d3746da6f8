/** A logger per turn, kept in the turn's own state, so every record of a turn says which one it was. */
import type { TurnContext } from 'botbuilder';
import type { Logger } from './log.js';

const TURN_LOG = Symbol('turnLog');

/** Starts the turn's logger: a child of `log` with the activity's id, kind and conversation type, never what anyone wrote. */
export function startTurnLog(context: TurnContext, log: Logger): Logger {
  const { id, type, name, conversation } = context.activity;
  const child = log.child({ activityId: id, kind: name ?? type, conversationType: conversation?.conversationType });
  context.turnState.set(TURN_LOG, child);
  return child;
}

/** The turn's logger, or `log` before the turn's has started. */
export function turnLog(context: TurnContext, log: Logger): Logger {
  return (context.turnState.get(TURN_LOG) as Logger | undefined) ?? log;
}

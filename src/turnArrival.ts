/** When a turn's request reached the server, kept in the turn's own state. */
import type { TurnContext } from 'botbuilder';

const ARRIVED_AT = Symbol('arrivedAt');

/** Marks when the request of `context` reached the server (epoch ms). */
export function markArrival(context: TurnContext, at: number): void {
  context.turnState.set(ARRIVED_AT, at);
}

/**
 * When the turn's request arrived: Teams counts its wait from there, so a turn's budget does too,
 * whatever checking the sender's token took. Now, for a turn that came through no request.
 */
export function arrivalOf(context: TurnContext): number {
  return (context.turnState.get(ARRIVED_AT) as number | undefined) ?? Date.now();
}

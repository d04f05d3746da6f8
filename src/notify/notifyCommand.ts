import { notifySettingsCard } from '../cards/notificationCards.js';
import type { Answer, FeatureContext } from '../features/context.js';
import { describeFilter, NOTIFY_USAGE, type NotifyRequest } from './notifySetting.js';

const NO_PERSONAL_CHAT = 'I can tell you about your tickets only in a personal chat with me: open one (find me under Apps or start a chat with me), say hello, and they are on.';

function personalSentence(on: boolean | undefined): string {
  if (on === undefined) return NO_PERSONAL_CHAT;
  return on
    ? 'You are told here when a ticket is assigned to you, when your tickets change state or get a public comment, and when a ticket of yours is overdue.'
    : 'Your own notifications are off (notify me on turns them back on).';
}

/** `notify …`: shows or changes this conversation's subscription, or the speaker's own notifications. */
export async function notify(ctx: FeatureContext, request: NotifyRequest): Promise<Answer> {
  const settings = ctx.notifications;
  if (!settings) {
    return { card: notifySettingsCard({ setting: 'Notifications are not running on this bot.', usage: NOTIFY_USAGE }), summary: 'Notifications are off' };
  }
  const answer = (setting: string, personal?: string): Answer => ({
    card: notifySettingsCard({ setting, usage: `Change it with ${NOTIFY_USAGE}.`, ...(personal === undefined ? {} : { personal }) }),
    summary: setting,
  });
  const here = ctx.inChannel ? 'this channel' : 'this chat';
  switch (request.what) {
    case 'subscribe':
      await settings.subscribe(request.filter);
      return answer(`I will post ${describeFilter(request.filter)} to ${here}: one card per ticket, later changes ${ctx.inChannel ? 'in its thread' : 'on that card'}.`);
    case 'off':
      await settings.unsubscribe();
      return answer(`I will post nothing more to ${here}.`);
    case 'show': {
      const filter = await settings.subscription();
      return answer(filter ? `I post ${describeFilter(filter)} to ${here}.` : `I post nothing to ${here}.`, personalSentence(await settings.personal()));
    }
    case 'me': {
      if (request.on === undefined) return answer(personalSentence(await settings.personal()));
      if (!(await settings.setPersonal(request.on))) return answer(NO_PERSONAL_CHAT);
      return answer(request.on ? 'Your own notifications are on.' : 'Your own notifications are off: I will not tell you about your tickets (notify me on turns them back on).');
    }
  }
}

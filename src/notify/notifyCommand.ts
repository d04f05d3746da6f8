import { notifySettingsCard } from '../cards/notificationCards.js';
import type { Answer, FeatureContext } from '../features/context.js';
import type { Translate } from '../i18n/translate.js';
import type { NotifyFilter, NotifyRequest } from './notifySetting.js';

function personalSentence(on: boolean | undefined, t: Translate): string {
  if (on === undefined) return t('notifyCommand.noPersonalChat');
  return t(on ? 'notifyCommand.personalOn' : 'notifyCommand.personalOff');
}

/** The filter as a person reads it, in the words of `t`. */
function describeFilter(filter: NotifyFilter, t: Translate): string {
  return filter.kind === 'tag' ? t('notifyCommand.tag', { tag: filter.tag }) : t(`notifyCommand.${filter.kind}`);
}

/** `notify …`: shows or changes this conversation's subscription, or the speaker's own notifications. */
export async function notify(ctx: FeatureContext, request: NotifyRequest): Promise<Answer> {
  const { t } = ctx.locale;
  const settings = ctx.notifications;
  if (!settings) {
    return { card: notifySettingsCard({ setting: t('notifyCommand.notRunning'), usage: t('command.notifyUsage') }, t), summary: t('notifyCommand.offSummary') };
  }
  const answer = (setting: string, personal?: string): Answer => ({
    card: notifySettingsCard({ setting, usage: t('notifyCommand.usage', { usage: { key: 'command.notifyUsage' } }), ...(personal === undefined ? {} : { personal }) }, t),
    summary: setting,
  });
  const { inChannel } = ctx;
  switch (request.what) {
    case 'subscribe':
      await settings.subscribe(request.filter);
      return answer(t(inChannel ? 'notifyCommand.subscribedChannel' : 'notifyCommand.subscribedChat', { what: describeFilter(request.filter, t) }));
    case 'off':
      await settings.unsubscribe();
      return answer(t(inChannel ? 'notifyCommand.offChannel' : 'notifyCommand.offChat'));
    case 'show': {
      const filter = await settings.subscription();
      const said = filter
        ? t(inChannel ? 'notifyCommand.showChannel' : 'notifyCommand.showChat', { what: describeFilter(filter, t) })
        : t(inChannel ? 'notifyCommand.nothingChannel' : 'notifyCommand.nothingChat');
      return answer(said, personalSentence(await settings.personal(), t));
    }
    case 'me': {
      if (request.on === undefined) return answer(personalSentence(await settings.personal(), t));
      if (!(await settings.setPersonal(request.on))) return answer(t('notifyCommand.noPersonalChat'));
      return answer(t(request.on ? 'notifyCommand.meOn' : 'notifyCommand.meOff'));
    }
  }
}

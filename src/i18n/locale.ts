import { zoneOf, type TimeZone } from '../identity.js';
import { languageOf, translatorFor, type Language, type Translate } from './translate.js';

/** The words and the clock of one person: their language, its sentences, their time zone. */
export interface Locale {
  readonly language: Language;
  readonly t: Translate;
  readonly zone: TimeZone;
}

/** A person's locale from what Teams sends with each activity (`locale`, `localTimezone`, `localTimestamp`). */
export function localeOf(
  activity: { locale?: string; localTimezone?: string; rawLocalTimestamp?: string },
  defaultHours: number,
): Locale {
  const language = languageOf(activity.locale);
  return { language, t: translatorFor(language), zone: zoneOf(activity, defaultHours) };
}

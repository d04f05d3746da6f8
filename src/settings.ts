import { z } from 'zod';

/**
 * Reading environment variables through zod schemas, for the bot's configuration and the
 * sandbox's command line alike: one way to read a setting, one way to say what is wrong with it.
 */

/** A setting that cannot be used; its message is one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A setting's schema: from the variable's text (trimmed, never blank) to its value. */
export type Setting<T> = z.ZodType<T, z.ZodTypeDef, string>;

/**
 * Reads one variable through its schema; unset or blank is undefined. A value the schema refuses
 * throws a ConfigError naming the variable.
 */
export function setting<T>(env: Env, name: string, schema: Setting<T>): T | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(sentence(name, parsed.error.issues[0]!));
  return parsed.data;
}

/** The one place a refused value becomes what a person reads: the variable, then what it must be. */
function sentence(name: string, issue: z.ZodIssue): string {
  return `${name} ${issue.message}`;
}

/** The words for a value that may be repeated back: never one that can hold a URL's key or a password. */
export const showing = (expects: string) => (raw: string) => ({ message: `${expects} (got "${raw}")` });

export const text: Setting<string> = z.string();

export function wholeNumber(min: number, max: number): Setting<number> {
  return z.string()
    .refine((raw) => /^-?\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max, showing(`must be a whole number from ${min} to ${max}`))
    .transform(Number);
}

/** One of a few words, in any case; the value is the word as written here. */
export function oneOf<T extends string>(allowed: readonly T[]): Setting<T> {
  const match = (raw: string) => allowed.find((word) => word.toLowerCase() === raw.toLowerCase());
  return z.string().refine((raw) => match(raw) !== undefined, showing(`must be one of ${allowed.join(', ')}`)).transform((raw) => match(raw)!);
}

/**
 * The typed dictionary. Each feature keeps its keys in one `messages.ts` beside its pages and declares
 * them with `defineMessages`, so a missing translation is a type error rather than a blank label.
 */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export type Entry = { zh: string; en: string };
export type Messages = Record<string, Entry>;

export function defineMessages<const M extends Messages>(messages: M): M {
  return messages;
}

/** Replace `{name}` placeholders with values. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

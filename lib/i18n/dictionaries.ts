/**
 * The dashboard's and the embed's words, every language. The embed's island is built once per
 * language, this module replaced by one holding only that language's words (scripts/build-embed.ts).
 */
import { ar } from './ar';
import { en } from './en';
import { fr } from './fr';
import type { Lang, MessageKey } from './keys';

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr, ar };

import type { en } from './en';

/** The product's languages. */
export type Lang = 'fr' | 'en' | 'ar';
/** The words' keys: those of the English dictionary, which every language has. */
export type MessageKey = keyof typeof en;

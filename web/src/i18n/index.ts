import { en } from './en';

/** The catalogue in use; English until a second language ships. */
export const t = en;

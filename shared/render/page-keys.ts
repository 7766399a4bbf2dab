import type { Announcement } from '../domain/announcement';
import { pageDirOf } from './feed-context';
import type { OutputFile } from './output-file';

/** A page as it goes to the bucket. */
export type PageFile = OutputFile;

/** The home page's bucket key. */
export const HOME_KEY = 'index.html';

/** The bucket key of an announcement's page. */
export const pageKeyOf = (a: Pick<Announcement, 'slug' | 'id'>): string => `${pageDirOf(a)}index.html`;

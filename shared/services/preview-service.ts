import type { AnnouncementInput } from '../domain/announcement';
import type { Principal } from '../principal';
import type { SiteInfo } from '../render/feed-context';
import { pageCardOf, renderPage } from '../render/page';
import type { LinkCard } from '../render/page-head';
import { socialText } from '../render/social';
import type { DraftOf } from './announcement-draft';
import type { PageAsPublished } from './page-as-published';

/** What the editor's live preview shows: the page, the post text bots will send, and the link card. */
export type Preview = { html: string; socialText: string; card: LinkCard };

/**
 * `POST /api/preview`: the body a create would take, turned into the
 * announcement a create would store (the same draft step, so the same 400s
 * and media facts), then rendered as the publisher would render its page if
 * it were published now. Writes nothing. Given the id of the announcement
 * being edited, the page's URL and link card are that announcement's own.
 */
export function makePreviewService(deps: { draftOf: DraftOf; pageInputsOf: PageAsPublished; site: SiteInfo }) {
  return async function preview(input: AnnouncementInput, by: Principal, id?: string): Promise<Preview> {
    const draft = await deps.draftOf(input, by);
    const { announcement, alternates } = await deps.pageInputsOf(id ? { ...draft, id } : draft);
    return {
      html: renderPage(deps.site, announcement, alternates).body,
      socialText: socialText(announcement),
      card: pageCardOf(deps.site, announcement),
    };
  };
}

/** Renders a preview (see makePreviewService). */
export type PreviewService = ReturnType<typeof makePreviewService>;

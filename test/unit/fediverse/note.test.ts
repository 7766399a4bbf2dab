import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { activitiesOf } from '../../../shared/fediverse/events';
import { announcementNote, noteHtml } from '../../../shared/fediverse/note';
import { msp7Fr, SITE, stored } from '../../support/fixtures';

const ids = { note: new URL('https://news.example.org/ap/notes/x'), actor: new URL('https://news.example.org/ap/actors/news'), followers: new URL('https://news.example.org/ap/actors/news/followers') };

describe('the Note of an announcement', () => {
  it('carries an event’s time and place in its text, escaped', async () => {
    const a: Announcement = {
      ...(await stored(msp7Fr)),
      summary: 'Réunion <ouverte> & publique',
      event: { start: '2017-09-04T10:00', end: '2017-09-06T18:00', allDay: false, timeZone: 'Europe/Zurich', venue: 'Palais des Nations', city: 'Genève', country: 'Suisse', cancelled: false },
    };
    const html = noteHtml(SITE, a);
    expect(html).toContain('<p>Réunion &lt;ouverte&gt; &amp; publique</p>');
    expect(html).toContain('(Europe/Zurich)');
    expect(html).toContain('Palais des Nations, Genève, Suisse');
    expect(html).toContain('2017');
  });

  it('keys contentMap by the announcement’s language and marks it not sensitive', async () => {
    const a = await stored(msp7Fr);
    const json = (await announcementNote(SITE, a, ids).toJsonLd({ format: 'compact' })) as Record<string, unknown>;
    expect(Object.keys(json.contentMap as object)).toEqual(['fr']);
    expect(json.sensitive).toBe(false);
    expect(json.url).toBe(`${SITE.siteUrl}/news/septieme-assemblee-des-etats-parties-${a.id.replace(/-/g, '').slice(0, 8)}/`);
  });
});

describe('the activities a change calls for', () => {
  it('is Create on first publication, Update on a new version, Delete on retraction, nothing for drafts', async () => {
    const a = await stored(msp7Fr);
    const draft: Announcement = { ...a, status: 'draft' };
    const edited: Announcement = { ...a, version: a.version + 1 };
    const retracted: Announcement = { ...edited, status: 'retracted', version: edited.version + 1 };
    expect(activitiesOf([{ after: draft }])).toEqual([]);
    expect(activitiesOf([{ before: draft, after: a }]).map((m) => m.activity)).toEqual(['create']);
    expect(activitiesOf([{ before: a, after: edited }])).toEqual([{ kind: 'herald-announcement', id: a.id, version: edited.version, activity: 'update' }]);
    expect(activitiesOf([{ before: edited, after: retracted }]).map((m) => m.activity)).toEqual(['delete']);
    // A duplicate stream record (same images) asks for nothing new.
    expect(activitiesOf([{ before: a, after: a }])).toEqual([]);
  });
});

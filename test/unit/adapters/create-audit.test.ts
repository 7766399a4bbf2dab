import { describe, expect, it } from '@jest/globals';
import { announcementItem, toAnnouncement } from '../../../shared/adapters/dynamo-announcement-items';
import { auditTrailOf, createAuditOf } from '../../../shared/adapters/dynamo-create-audit';
import type { Announcement } from '../../../shared/domain/announcement';
import type { AuditEntry } from '../../../shared/domain/audit';

const id = '00000000-0000-4000-8000-000000000001';
const entry = (version: number, by: string): AuditEntry => ({ announcementId: id, version, action: version === 1 ? 'create' : 'update', by, at: `2026-03-16T08:00:0${version}.000Z`, changed: ['title'] });
const a = {
  id, slug: 's', title: 't', summary: 's', body: 'b', bodyHtml: '<p>b</p>', language: 'en', tags: [], authors: [], images: [], attachments: [],
  status: 'draft', createdAt: '2026-03-16T08:00:00.000Z', updatedAt: '2026-03-16T08:00:00.000Z', createdBy: 'ana', updatedBy: 'ana', version: 1,
} as Announcement;

describe('the create audit record on the announcement item', () => {
  it('is dropped from the announcement a read returns, and remembered for that object only', () => {
    const read = toAnnouncement(announcementItem(a, entry(1, 'ana')));

    expect(read).toEqual(a);
    expect(Object.keys(read)).not.toContain('createAudit');
    expect(createAuditOf(read)).toEqual(entry(1, 'ana'));
    expect(createAuditOf({ ...read })).toBeUndefined();
    expect(createAuditOf(toAnnouncement(announcementItem(a)))).toBeUndefined();
  });

  it('joins the H# records in the trail, newest first, an H# record winning over a carried one of its version', () => {
    const items = [
      { sk: 'A', version: 3, createAudit: entry(1, 'carried') },
      { sk: 'DUE' },
      { sk: 'H#0000000002', ...entry(2, 'bo') },
      { sk: 'H#0000000003', ...entry(3, 'cy') },
    ];
    expect(auditTrailOf(items)).toEqual([entry(3, 'cy'), entry(2, 'bo'), entry(1, 'carried')]);
    expect(auditTrailOf([...items, { sk: 'H#0000000001', ...entry(1, 'own') }]).map((e) => e.by)).toEqual(['cy', 'bo', 'own']);
  });
});

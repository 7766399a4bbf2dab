import { describe, expect, it } from '@jest/globals';
import { coalitionFeeds, FEED_KEYS } from './support/coalition';
import { jsonFeedErrors } from './support/json-schema';
import { describeWith, jingErrors, writeTemp } from './support/tools';

const { files } = await coalitionFeeds();
const atoms = files.filter((f) => f.key.endsWith('atom.xml'));
const jsons = files.filter((f) => f.key.endsWith('feed.json'));

describeWith('jing', 'Atom against the RELAX NG schema of RFC 4287 (jing)', () => {
  it('accepts every generated Atom feed', () => {
    expect(atoms.length).toBe(FEED_KEYS.length);
    expect(jingErrors(writeTemp(atoms).paths)).toEqual([]);
  });

  it('refuses an Atom document without ids or with a bad date (the schema is not a no-op)', () => {
    const [first] = atoms;
    const broken = [
      { key: 'no-id.xml', body: first!.body.replace(/<id>[^<]*<\/id>/, '') },
      { key: 'bad-date.xml', body: first!.body.replace(/<updated>[^<]*</, '<updated>4 September 2017<') },
      { key: 'html-title.xml', body: first!.body.replace('<title type="text">', '<title type="text"><b>bold</b>') },
    ];
    const errors = jingErrors(writeTemp(broken).paths);
    for (const f of broken) expect(errors.some((e) => e.includes(f.key))).toBe(true);
  });
});

describe('JSON Feed 1.1 against its JSON Schema (ajv)', () => {
  it('accepts every generated JSON feed', () => {
    expect(jsons.length).toBe(FEED_KEYS.length);
    for (const f of jsons) expect({ key: f.key, errors: jsonFeedErrors(f.body) }).toEqual({ key: f.key, errors: [] });
  });

  it('refuses the mistakes readers trip on: version 1.0 author, missing id, attachment without mime_type', () => {
    const doc = JSON.parse(jsons[0]!.body) as { items: Record<string, unknown>[] } & Record<string, unknown>;
    const item = doc.items[0]!;
    const variants = [
      { ...doc, author: { name: 'x' } },
      { ...doc, items: [{ ...item, id: undefined }] },
      { ...doc, items: [{ ...item, attachments: [{ url: 'https://example.org/a.pdf' }] }] },
      { ...doc, version: 'https://jsonfeed.org/version/1' },
    ];
    for (const v of variants) expect(jsonFeedErrors(JSON.stringify(v)).length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { makePublisherService } from '../../shared/services/publisher-service';
import { jsonFeedErrors } from '../standards/support/json-schema';
import { describeWith, jingErrors, writeTemp, xmllintErrors } from '../standards/support/tools';
import { MemoryObjectStore, reachStore, SITE } from './support/reach-fixtures';

/**
 * The feeds with everything issue 5 adds (hreflang alternates, the richer
 * _herald object) still pass the RFC 4287 RELAX NG schema and the JSON Feed
 * 1.1 JSON Schema.
 */
const { store, byKey } = await reachStore();
const objects = new MemoryObjectStore();
await makePublisherService({ index: store, registry: store, notifyHubs: async () => undefined, objects, hashes: objects.hashes, site: SITE, pageSize: 50 }).publishChanges(Object.values(byKey).map((after) => ({ after })));
const files = [...objects.objects.entries()].map(([key, o]) => ({ key, body: o.body }));

describeWith('jing', 'Atom with translation links (jing, RFC 4287 schema)', () => {
  it('accepts every Atom feed', () => {
    const atoms = files.filter((f) => f.key.endsWith('atom.xml'));
    expect(atoms.some((f) => f.body.includes('hreflang="fr"'))).toBe(true);
    expect(jingErrors(writeTemp(atoms).paths)).toEqual([]);
  });
});

describeWith('xmllint', 'RSS (xmllint)', () => {
  it('is well-formed', () => {
    expect(xmllintErrors(writeTemp(files.filter((f) => f.key.endsWith('rss.xml'))).paths)).toBe('');
  });
});

describe('JSON Feed with the _herald extension (ajv)', () => {
  it('accepts every JSON feed', () => {
    for (const f of files.filter((x) => x.key.endsWith('feed.json'))) expect({ key: f.key, errors: jsonFeedErrors(f.body) }).toEqual({ key: f.key, errors: [] });
  });
});

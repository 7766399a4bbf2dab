import { describe, expect, it } from '@jest/globals';
import type { FileHashes } from '../../../shared/ports/file-hashes';
import { pageKeyOf } from '../../../shared/render/page';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore, noHubs } from '../../support/fakes';
import { EDITOR, SITE, bangkokSeminar, msp7En, serviceWithFakes } from '../../support/fixtures';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
};

describe('PublisherService: publishes side by side', () => {
  it('finishes a publish while the hash records of another publish are still being written', async () => {
    // Prepare: the record of the first item's page is held (a slow batch of imports beside an editor's change).
    const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
    const objects = new InMemoryObjectStore();
    const first = await service.create(msp7En, EDITOR);
    const second = await service.create(bangkokSeminar, EDITOR);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const hashes: FileHashes = {
      getMany: (keys) => objects.hashes.getMany(keys),
      deleteMany: (keys) => objects.hashes.deleteMany(keys),
      putMany: async (records) => {
        if ([...records.keys()].some((k) => k.endsWith(pageKeyOf(first)))) await held;
        return objects.hashes.putMany(records);
      },
    };
    const publisher = makePublisherService({ index: store, registry: store, objects, hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
    // Act
    const slow = publisher.publishChanges([{ after: first }]);
    await until(() => objects.puts.some((p) => p.key === pageKeyOf(first)));
    const fast = await Promise.race([publisher.publishChanges([{ after: second }]).then(() => 'done'), new Promise((r) => setTimeout(() => r('still waiting'), 3_000))]);
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    await new Promise((r) => setTimeout(r, 20));
    const slowBeforeRelease = slowDone;
    release();
    await slow;
    // Assess: the second publish did not wait for the first one's records; the first did.
    expect(fast).toBe('done');
    expect(slowBeforeRelease).toBe(false);
    expect(objects.puts.map((p) => p.key)).toContain(pageKeyOf(second));
  });
});

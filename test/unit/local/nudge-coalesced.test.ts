import { describe, expect, it } from '@jest/globals';
import { coalesced } from '../../../infra/local/stream-consumers';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('nudging the stream worker after writes', () => {
  it('sends the first nudge at once and the burst behind it as one more at the end of the window', async () => {
    // Prepare
    let sent = 0;
    const nudge = coalesced(() => void (sent += 1), 50);

    // Act
    nudge();
    const atOnce = sent;
    nudge();
    nudge();
    nudge();
    const inWindow = sent;
    await wait(120);

    // Assess
    expect([atOnce, inWindow, sent]).toEqual([1, 1, 2]);
  });

  it('sends at once again once the window has passed', async () => {
    let sent = 0;
    const nudge = coalesced(() => void (sent += 1), 20);
    nudge();
    await wait(60);
    nudge();
    expect(sent).toBe(2);
  });
});

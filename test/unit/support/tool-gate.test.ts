import { describe, expect, it } from '@jest/globals';
import { isCi, planFor } from '../../standards/support/tool-gate';

describe('tests that need a Debian tool', () => {
  it('run whenever the tool is installed, CI or not', () => {
    expect([planFor(true, {}), planFor(true, { CI: 'true' })]).toEqual(['run', 'run']);
  });

  it('skip on a developer machine without the tool', () => {
    expect([planFor(false, {}), planFor(false, { CI: '' }), planFor(false, { CI: 'false' }), planFor(false, { CI: '0' })]).toEqual([
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
  });

  it('fail, not skip, when CI is set and the tool is missing', () => {
    expect([planFor(false, { CI: 'true' }), planFor(false, { CI: '1' }), planFor(false, { CI: 'yes' })]).toEqual(['fail', 'fail', 'fail']);
  });

  it('read CI the way CI systems set it', () => {
    expect([isCi({ CI: 'true' }), isCi({ CI: 'TRUE ' }), isCi({ CI: 'False' }), isCi({})]).toEqual([true, true, false, false]);
  });
});

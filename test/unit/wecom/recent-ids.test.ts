import { RecentIds } from '../../../src/platforms/wecom/recent-ids';

describe('recent id set', () => {
  it('spots a repeat within the ttl, forgets after it, and stays within capacity', () => {
    let now = 0;
    const ids = new RecentIds(3, 1000, () => now);
    expect(ids.checkAndAdd('a')).toBe(false);
    expect(ids.checkAndAdd('a')).toBe(true);
    now = 1000;
    expect(ids.checkAndAdd('a')).toBe(false);
    for (const id of ['b', 'c', 'd']) ids.checkAndAdd(id);
    expect(ids.checkAndAdd('a')).toBe(false);
    expect(ids.checkAndAdd('d')).toBe(true);
  });
});

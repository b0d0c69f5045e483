import { RecentIds } from '../../../src/platforms/recent-ids';

describe('recent id set', () => {
  it('spots a repeat within the ttl, forgets after it, and stays within capacity', () => {
    let now = 0;
    const ids = new RecentIds(3, 1000, () => now);
    expect(ids.seen('a')).toBe(false);
    expect(ids.seen('a')).toBe(true);
    now = 1000;
    expect(ids.seen('a')).toBe(false);
    for (const id of ['b', 'c', 'd']) ids.seen(id);
    expect(ids.seen('a')).toBe(false);
    expect(ids.seen('d')).toBe(true);
  });
});

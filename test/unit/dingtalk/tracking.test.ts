import { CardRegistry, cardIdFromOutTrackId, newOutTrackId } from '../../../src/platforms/dingtalk/card-tracking';

test('an outTrackId is unique per delivery and names its card', () => {
  const a = newOutTrackId('c17');
  const b = newOutTrackId('c17');
  expect(a).not.toBe(b);
  expect(a).toMatch(/^dg_c17_[0-9a-f]{12}$/);
  expect(cardIdFromOutTrackId(a)).toBe('c17');
  expect(cardIdFromOutTrackId('someone-elses')).toBeUndefined();
});

test('odd characters in a card id stay out of the outTrackId', () => {
  expect(newOutTrackId('digest:alice/11-25')).toMatch(/^dg_digest-alice-11-25_[0-9a-f]{12}$/);
});

test('the registry forgets the oldest cards past its size', () => {
  const registry = new CardRegistry();
  for (let i = 0; i < 5_001; i++) registry.remember(`t${i}`, { cardId: `c${i}`, to: { kind: 'chat', chatId: 'g' } });
  expect(registry.get('t0')).toBeUndefined();
  expect(registry.get('t5000')?.cardId).toBe('c5000');
});

// A click tells us only the button key and the card's task_id, so the key carries everything:
//   dg1|<cardId>|<action>[|<n>]
// fields URI-encoded (so "|" never appears inside them), <n> only to keep keys unique when one card
// shows the same action twice (WeCom: keys "不可重复", at most 1024 bytes).
// task_id must be unique per bot for ever, [0-9A-Za-z_-@], at most 128 bytes: dg_<card>_<time><random>.
import { randomBytes } from 'node:crypto';

const KEY_PREFIX = 'dg1';
const MAX_KEY_BYTES = 1024;

export interface ButtonRef {
  cardId: string;
  action: string;
}

export function buttonKey(ref: ButtonRef, duplicate = 0): string {
  const parts = [KEY_PREFIX, encodeURIComponent(ref.cardId), encodeURIComponent(ref.action)];
  if (duplicate > 0) parts.push(String(duplicate));
  const key = parts.join('|');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new Error(`WeCom button key over ${MAX_KEY_BYTES} bytes for card ${ref.cardId}`);
  }
  return key;
}

/** The card and action a clicked key stands for; undefined for keys dealguard did not make. */
export function parseButtonKey(key: string): ButtonRef | undefined {
  const parts = key.split('|');
  if (parts[0] !== KEY_PREFIX || parts.length < 3 || parts.length > 4) return undefined;
  try {
    const cardId = decodeURIComponent(parts[1] as string);
    const action = decodeURIComponent(parts[2] as string);
    if (!cardId || !action) return undefined;
    return { cardId, action };
  } catch {
    return undefined;
  }
}

export function newTaskId(cardId: string, now: number = Date.now()): string {
  const card = cardId.replace(/[^0-9A-Za-z_\-@]/g, '-').slice(0, 64);
  return `dg_${card}_${now.toString(36)}${randomBytes(4).toString('hex')}`;
}

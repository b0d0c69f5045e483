import { randomUUID } from 'node:crypto';
import { parseCardId } from '../domain/cards/cards';
import { enqueueNotice, type NoticeRecipient } from '../domain/outbox/notices';
import type { Domain } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { Delivery, PlatformName, SendError } from '../platforms/types';
import { UNDELIVERED_REPLY_TEMPLATE } from '../bot/render/undelivered-reply';
import type { App } from './create-app';

/** Never rejects: a reply that cannot be kept is logged. */
export type UndeliveredHandler = (platform: PlatformName, delivery: Delivery, error: SendError) => Promise<void>;

/**
 * Replies have no outbox row behind them. When a platform gives up on one (stopping with the
 * connection down, retries spent, refused), it becomes a notice to the same chat, so the dispatcher
 * retries it with back-off and tells the admins if it can never be delivered.
 */
export function keepUndeliveredReplies(app: Pick<App, 'root' | 'dispatcher'>, logger: Logger): UndeliveredHandler {
  return async (platform, delivery, error) => {
    try {
      const kept = await app.root.write(async (d) => {
        const to = await recipientOf(d, platform, delivery);
        if (!to) return false;
        const { card, file, mentions = [] } = delivery.message;
        const text = file ? undeliveredFileNote(file.name) : (delivery.message.text ?? '');
        const cardId = card ? parseCardId(card.id) : undefined;
        const mentioned: string[] = [];
        for (const m of mentions) {
          const staff = await d.dir.byPlatformId(platform, m.platformUserId);
          if (staff) mentioned.push(staff.id);
        }
        return await enqueueNotice(d.deps, {
          key: `reply:${platform}:${randomUUID()}`,
          to,
          payload: {
            template: UNDELIVERED_REPLY_TEMPLATE,
            params: { text },
            ...(cardId !== undefined ? { cardId } : {}),
            ...(mentioned.length > 0 ? { mentions: mentioned } : {}),
          },
        });
      });
      if (!kept) {
        logger.warn({ event: 'reply.lost', platform, target: delivery.to.kind, code: error.code }, 'undelivered reply to someone outside the organisation dropped');
        return;
      }
      logger.info({ event: 'reply.kept', platform, target: delivery.to.kind, code: error.code }, 'undelivered reply moved to the outbox');
      app.dispatcher.kick();
    } catch (e) {
      logger.error({ err: e, event: 'reply.keep_failed', platform }, 'could not keep an undelivered reply');
    }
  };
}

/**
 * The outbox keeps text, not bytes. Files are only ever sent back by an import (its error report),
 * which also saved the file on the server and said where in the text sent before it.
 */
export function undeliveredFileNote(name: string): string {
  return `📎 文件「${name}」没能发出。服务器上保存了一份，路径见前面的导入结果消息；需要时请管理员转发。`;
}

async function recipientOf(d: Domain, platform: PlatformName, delivery: Delivery): Promise<NoticeRecipient | undefined> {
  const to = delivery.to;
  if (to.kind === 'chat') {
    const group = (await d.groups.get(platform, to.chatId)) ?? (await d.groups.seen(platform, to.chatId));
    return { type: 'group', id: String(group.id) };
  }
  const staff = await d.dir.byPlatformId(platform, to.platformUserId);
  return staff ? { type: 'staff', id: staff.id } : undefined;
}

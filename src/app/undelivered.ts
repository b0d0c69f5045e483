import { randomUUID } from 'node:crypto';
import { writeTx } from '../../db/open';
import { parseCardId } from '../domain/cards/cards';
import { enqueueNotice, type NoticeRecipient } from '../domain/outbox/notices';
import type { Domain } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { Delivery, PlatformName, SendError } from '../platforms/types';
import { UNDELIVERED_REPLY_TEMPLATE } from '../bot/render/undelivered-reply';
import type { App } from './create-app';

export type UndeliveredHandler = (platform: PlatformName, delivery: Delivery, error: SendError) => void;

/**
 * Replies have no outbox row behind them. When a platform gives up on one (stopping with the
 * connection down, retries spent, refused), it becomes a notice to the same chat, so the dispatcher
 * retries it with back-off and tells the admins if it can never be delivered.
 */
export function keepUndeliveredReplies(app: Pick<App, 'domain' | 'dispatcher'>, logger: Logger): UndeliveredHandler {
  return (platform, delivery, error) => {
    const d = app.domain;
    try {
      const kept = writeTx(d.deps.db, () => {
        const to = recipientOf(d, platform, delivery);
        if (!to) return false;
        const { card, file, mentions = [] } = delivery.message;
        const text = file ? undeliveredFileNote(file.name) : (delivery.message.text ?? '');
        const cardId = card ? parseCardId(card.id) : undefined;
        const mentioned = mentions.flatMap((m) => d.dir.byPlatformId(platform, m.platformUserId)?.id ?? []);
        return enqueueNotice(d.deps, {
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

function recipientOf(d: Domain, platform: PlatformName, delivery: Delivery): NoticeRecipient | undefined {
  const to = delivery.to;
  if (to.kind === 'chat') {
    const group = d.groups.get(platform, to.chatId) ?? d.groups.seen(platform, to.chatId);
    return { type: 'group', id: String(group.id) };
  }
  const staff = d.dir.byPlatformId(platform, to.platformUserId);
  return staff ? { type: 'staff', id: staff.id } : undefined;
}

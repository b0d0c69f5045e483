import path from 'node:path';
import type { Logger } from '../log/logger';
import type { Domain, DomainRoot } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { DomainError } from '../domain/errors';
import { recordAudit } from '../domain/audit/audit';
import { enqueueNotice, type NoticeInput } from '../domain/outbox/notices';
import { getCard, parseCardId, recordCardDelivery } from '../domain/cards/cards';
import { isBusyError } from '../../db/busy';
import type {
  BotResponse, CardAction, CardActionResponse, ChatRef, DeliveryTarget, InboundHandlers, IncomingMessage, OutboundMessage, PlatformName, SendReceipt,
} from '../platforms/types';
import type { Card } from '../../bot-cards/card';
import type { CommandContext, Reply } from './context';
import type { CommandRegistry } from './commands/registry';
import { commandHelp } from './commands/help';
import { normalizeInput, splitCommand } from './parse/text';
import { dropLoneSurrogates } from './parse/well-formed';
import { tokenize } from './parse/tokenize';
import { argKeys, bindArgs } from './parse/bind';
import { alreadyHandled, markHandled } from './inbound-log';
import { plainOutbound, toOutbound } from './replies';
import { CARD_ACTIONS } from './actions/registry';
import { ROLE_ZH, lines } from './render/format';
import { importUpload } from './file-import';
import { collectDisclosuresAsync } from './render/disclosures';
import { fitReplyToChat } from './fit-reply';
import type { Disclosure } from '../domain/org/disclosure';
import { cardForTarget } from './fit-card';

const FAILURE = '😵 系统出错了，本次操作没有生效（已全部撤销），请稍后再试。如果一直失败，请联系管理员。';
/** Another process (an import, a backup) held the database: nothing was done, not even marked handled. */
const BUSY = '⏳ 系统繁忙，请稍后再试（本次操作没有生效）。';

/** What a click comes to: the answer, and the clicked card with its new state for the copy clicked. */
interface ClickOutcome {
  replies: OutboundMessage[];
  card?: { id: number; version: number };
  updatedCard?: Card;
}

/**
 * The bot: platform-neutral messages and clicks in, replies out. Every command is one unit of work
 * (`root.command`): it runs in its own savepoint together with its audit rows and notices; a
 * refusal rolls it all back and is then recorded on its own. Commands that arrive together share
 * one commit (the store's group commit), and are answered once it is durable. The reply is
 * rendered in the same unit of work.
 */
export class Bot implements InboundHandlers {
  constructor(
    private readonly root: DomainRoot,
    private readonly registry: CommandRegistry,
    private readonly logger: Logger,
    /** Called after a change that may have queued notices (the dispatcher wakes up). */
    private readonly onChange: () => void = () => undefined,
    /** Where error reports of chat uploads are saved (besides being sent back as a file). */
    private readonly reportDir = path.join('data', 'import-reports'),
  ) {}

  async onMessage(msg: IncomingMessage): Promise<BotResponse> {
    const started = process.hrtime.bigint();
    const replies = msg.file ? await this.handleUpload(msg) : await this.handleMessage(msg);
    this.logger.info({ event: 'message', platform: msg.platform, chat: msg.chat.kind, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'handled message');
    this.onChange();
    return { replies };
  }

  async onCardAction(action: CardAction): Promise<CardActionResponse> {
    const { replies, card, updatedCard } = await this.handleCardAction(action);
    // Before waking the dispatcher: it would otherwise repost the clicked copy as stale (which is
    // all that happens when the database is too busy to note it: the click itself is done).
    if (card) {
      await this.root
        .command((d) => this.markClickedDeliveryCurrent(d, action, card.id, card.version))
        .catch((e) => this.logger.warn({ err: e, event: 'card_delivery.failed' }, 'could not note the clicked copy as current'));
    }
    this.onChange();
    return updatedCard ? { replies, updatedCard } : { replies };
  }

  onCardDelivered(cardId: string, platform: PlatformName, to: DeliveryTarget, receipt: SendReceipt): void {
    const id = parseCardId(cardId);
    if (id === undefined) return;
    void this.root
      .command(async (d) => {
        const card = await getCard(d.deps, id);
        if (!card) return;
        await recordCardDelivery(d.deps, {
          cardId: card.id,
          platform,
          targetKind: to.kind,
          targetId: to.kind === 'chat' ? to.chatId : to.platformUserId,
          version: card.version,
          ...(receipt.cardRef ? { cardRef: receipt.cardRef } : {}),
        });
      })
      .catch((e) => this.logger.error({ err: e, event: 'card_delivery.failed' }, 'could not record a card delivery'));
  }

  /** No messages for a redelivered message (already answered once). */
  private async handleMessage(msg: IncomingMessage): Promise<OutboundMessage[]> {
    try {
      return await this.root.command(async (d) => {
        const reply = await this.decide(d, msg);
        return reply ? await toOutbound(d, msg.platform, reply) : [];
      });
    } catch (e) {
      if (isBusyError(e)) {
        this.logger.warn({ event: 'message.busy', platform: msg.platform }, 'database busy: command not run');
        return this.plain({ text: BUSY });
      }
      this.logger.error({ err: e, event: 'message.failed', platform: msg.platform }, 'command failed');
      return this.plain({ text: FAILURE });
    }
  }

  /** Parses and runs one message inside its unit of work (the batch transaction). */
  private async decide(d: Domain, msg: IncomingMessage): Promise<Reply | undefined> {
    if (await alreadyHandled(d.deps, msg.platform, msg.messageId)) return undefined;
    const actor = await this.identify(d, msg.platform, msg.senderPlatformId);
    if (!actor.ok) return await this.remember(d, msg.platform, msg.messageId, msg.chat, actor.reply);
    const text = normalizeInput(msg.text);
    if (!text) return await this.remember(d, msg.platform, msg.messageId, msg.chat, { text: '你好！发送 /帮助 查看我能做什么，例如 /报备 <公司全称> <联系人> <手机>。' });
    const line = splitCommand(text);
    const command = line ? this.registry.find(line.word) : undefined;
    if (!line || !command) return await this.remember(d, msg.platform, msg.messageId, msg.chat, this.unknownCommand(line?.word ?? text));
    if (command.roles && !command.roles.includes(actor.staff.role)) {
      const who = command.roles.map((r) => ROLE_ZH[r]).join('、');
      return await this.refused(d, msg, actor.staff, `command.${command.name}`, new DomainError('forbidden', `只有${who}可以使用 /${command.name}。如需处理，请联系你的经理。`));
    }
    const bound = bindArgs(line.rest, tokenize(line.rest, argKeys(command.args)), command.args);
    if (bound.extra.length > 0) {
      return await this.remember(d, msg.platform, msg.messageId, msg.chat, {
        text: lines(`⚠️ 多出了看不懂的内容：${bound.extra.join(' ')}`, `如果名称里有空格，请用引号括起来，例如 "Apple Inc"。`, `用法：${command.usage}`, `例如：${command.examples[0]}`),
      });
    }
    const parsed = command.schema.safeParse(bound.values);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return await this.remember(d, msg.platform, msg.messageId, msg.chat, {
        text: lines(`⚠️ ${first?.message ?? '参数不对'}`, `用法：${command.usage}`, `例如：${command.examples[0]}`),
      });
    }
    // Marked before the command runs and outside its savepoint, so that a refusal keeps the mark: the
    // same message on another instance waits here for this unit of work, then finds it taken.
    if (!(await markHandled(d.deps, msg.platform, msg.messageId))) return undefined;
    try {
      // Its own savepoint: a refusal undoes the command's writes, then is recorded on its own.
      return await d.deps.tx.savepoint(async () => {
        const ctx = await this.context(d, actor.staff, msg.chat, msg.mentions);
        const { value: reply, disclosed } = await collectDisclosuresAsync(() => command.run(ctx, parsed.data as never));
        return await fitReplyToChat(d, actor.staff, msg.chat, msg.messageId, reply, disclosed);
      });
    } catch (e) {
      if (e instanceof DomainError) return await this.refused(d, msg, actor.staff, `command.${command.name}`, e, { marked: true });
      throw e;
    }
  }

  /** A file sent to the bot: an admin's spreadsheet import (download, read, import: its own units of work). */
  private async handleUpload(msg: IncomingMessage): Promise<OutboundMessage[]> {
    try {
      const start = await this.root.write(async (d): Promise<{ staff: Staff } | { reply?: Reply }> => {
        if (await alreadyHandled(d.deps, msg.platform, msg.messageId)) return {};
        const actor = await this.identify(d, msg.platform, msg.senderPlatformId);
        if (!actor.ok) return { reply: await this.remember(d, msg.platform, msg.messageId, msg.chat, actor.reply) };
        // Marked before the import starts: a redelivery while it runs must not import twice.
        if (!(await markHandled(d.deps, msg.platform, msg.messageId))) return {};
        return { staff: actor.staff };
      });
      if (!('staff' in start)) return start.reply ? await this.outbound(msg.platform, start.reply) : [];
      return await this.outbound(msg.platform, await importUpload(this.root, start.staff, msg, this.reportDir));
    } catch (e) {
      if (isBusyError(e)) {
        this.logger.warn({ event: 'upload.busy', platform: msg.platform }, 'database busy: file import not finished');
        return this.plain({ text: '⏳ 系统繁忙，导入没有完成。已经导入的行会保留，请稍后重新发送同一个文件（不会重复导入）。' });
      }
      this.logger.error({ err: e, event: 'upload.failed', platform: msg.platform }, 'file import failed');
      return this.plain({ text: '😵 导入中途出错了。已经导入的行会保留，改好后重新发送同一个文件即可（不会重复导入）；如果一直失败，请联系管理员查看日志。' });
    }
  }

  private async handleCardAction(a: CardAction): Promise<ClickOutcome> {
    try {
      return await this.root.command(async (d) => {
        const { reply, cardId } = await this.decideClick(d, a);
        const replies = reply ? await toOutbound(d, a.platform, reply) : [];
        const card = cardId !== undefined ? await getCard(d.deps, cardId) : undefined;
        if (!card) return { replies };
        const clickedIn: DeliveryTarget = a.chat?.kind === 'group' ? { kind: 'chat', chatId: a.chat.chatId } : { kind: 'user', platformUserId: a.senderPlatformId };
        return { replies, card: { id: card.id, version: card.version }, updatedCard: await cardForTarget(d, a.platform, clickedIn, card) };
      });
    } catch (e) {
      if (isBusyError(e)) {
        this.logger.warn({ event: 'card_action.busy', platform: a.platform }, 'database busy: click not run');
        return { replies: this.plain({ text: BUSY }) };
      }
      this.logger.error({ err: e, event: 'card_action.failed', platform: a.platform }, 'card action failed');
      return { replies: this.plain({ text: FAILURE }) };
    }
  }

  private async decideClick(d: Domain, a: CardAction): Promise<{ reply?: Reply; cardId?: number }> {
    if (await alreadyHandled(d.deps, a.platform, a.eventId)) return {};
    const actor = await this.identify(d, a.platform, a.senderPlatformId);
    const chat: ChatRef = a.chat ?? { platform: a.platform, chatId: a.senderPlatformId, kind: 'private' };
    if (!actor.ok) return { reply: await this.remember(d, a.platform, a.eventId, chat, actor.reply) };
    const id = parseCardId(a.cardId);
    const card = id === undefined ? undefined : await getCard(d.deps, id);
    const handler = card ? CARD_ACTIONS[card.kind] : undefined;
    if (!card || !handler) {
      return { reply: await this.remember(d, a.platform, a.eventId, chat, { text: `找不到卡片「${a.cardId}」，它可能已过期。发送 /审批 或 /我的 查看最新情况。` }) };
    }
    if (!(await markHandled(d.deps, a.platform, a.eventId))) return {};
    try {
      const reply = await d.deps.tx.savepoint(async () => {
        const ctx = await this.context(d, actor.staff, chat, []);
        const { value: reply, disclosed } = await collectDisclosuresAsync(() => handler(ctx, card, a.action, a.text === undefined ? undefined : dropLoneSurrogates(a.text)));
        return reply && (await fitReplyToChat(d, actor.staff, chat, a.eventId, reply, disclosed));
      });
      return reply ? { reply, cardId: card.id } : {};
    } catch (e) {
      if (e instanceof DomainError) {
        const msg: IncomingMessage = { platform: a.platform, messageId: a.eventId, senderPlatformId: a.senderPlatformId, chat, text: '', mentions: [] };
        return { reply: await this.refused(d, msg, actor.staff, `card.${card.kind}.${a.action}`, e, { marked: true }), cardId: card.id };
      }
      throw e;
    }
  }

  /** Messages for a reply given outside a command's unit of work (an upload's, a failure's). */
  private async outbound(platform: PlatformName, reply: Reply): Promise<OutboundMessage[]> {
    return plainOutbound(reply) ?? (await this.root.read((d) => toOutbound(d, platform, reply)));
  }

  private plain(reply: Reply): OutboundMessage[] {
    return plainOutbound(reply)!;
  }

  private async identify(d: Domain, platform: PlatformName, platformUserId: string): Promise<{ ok: true; staff: Staff } | { ok: false; reply: Reply }> {
    const staff = await d.dir.byPlatformId(platform, platformUserId);
    if (staff?.active) return { ok: true, staff };
    const admins = (await d.dir.admins()).map((a) => a.name).join('、') || '管理员';
    this.logger.warn({ event: 'unknown_user', platform, known: !!staff }, 'message from unknown or inactive user');
    if (staff) return { ok: false, reply: { text: `你好 ${staff.name}，你的账号已停用，不能再使用 dealguard。如有疑问请联系 ${admins}。` } };
    return { ok: false, reply: { text: `你好！我还不认识你，暂时不能为你办理。请联系 ${admins} 把你的账号加入组织架构，之后就可以使用了。` } };
  }

  private async context(d: Domain, actor: Staff, chat: ChatRef, mentions: CommandContext['mentions']): Promise<CommandContext> {
    const group = chat.kind === 'group' ? await d.groups.seen(chat.platform, chat.chatId, chat.title) : undefined;
    if (group) await d.groups.noteSpeaker(group.id, actor.id);
    return { actor, chat, mentions, domain: d, now: d.deps.clock.now(), ...(group ? { group } : {}) };
  }

  /**
   * Answers without a state change, but remembers the id so a redelivery is not answered twice;
   * nothing when another instance took the id first (the same message delivered to both).
   */
  private async remember(d: Domain, platform: PlatformName, eventId: string, chat: ChatRef, reply: Reply): Promise<Reply | undefined> {
    if (!(await markHandled(d.deps, platform, eventId))) return undefined;
    if (chat.kind === 'group') await d.groups.seen(chat.platform, chat.chatId, chat.title);
    return reply;
  }

  /** Records and answers a refusal; nothing when another instance took the id first (`marked`: this unit of work did). */
  private async refused(d: Domain, msg: IncomingMessage, actor: Staff, action: string, e: DomainError, opts: { marked?: boolean } = {}): Promise<Reply | undefined> {
    const audit = (e.details?.audit as { subjectType: string; subjectId: string | number; action: string } | undefined) ?? {
      subjectType: 'staff',
      subjectId: actor.id,
      action,
    };
    // A refusal others must hear about (a lapsed dealer trying to register) carries its notices:
    // the command's savepoint was rolled back, so they are written here with the audit row.
    const notices = (e.details?.notices as NoticeInput[] | undefined) ?? [];
    // A refusal is a reply like any other: what it tells (e.details.disclosed) decides where it may go.
    const disclosed = (e.details?.disclosed as Disclosure[] | undefined) ?? [];
    const reply = { text: lines(`⚠️ ${e.message}`, e.hint && `👉 ${e.hint}`) };
    if (!opts.marked && !(await markHandled(d.deps, msg.platform, msg.messageId))) return undefined;
    await recordAudit(d.deps, { actorId: actor.id, outcome: 'refused', detail: `${e.code}: ${e.message}`, ...audit });
    for (const n of notices) await enqueueNotice(d.deps, n);
    return await fitReplyToChat(d, actor, msg.chat, msg.messageId, reply, disclosed);
  }

  private unknownCommand(word: string): Reply {
    const near = this.registry.suggest(word);
    const guess = near.length > 0 ? `你是不是想用：${near.map((n) => `/${n}`).join('、')}？` : '';
    const first = near[0] ? this.registry.find(near[0]) : undefined;
    return {
      text: lines(
        `🤔 我没看懂「${word.slice(0, 20)}${word.length > 20 ? '…' : ''}」。`,
        guess,
        first ? commandHelp(first).split('\n').slice(1, 2).join('') : '',
        '发送 /帮助 查看全部命令。',
      ),
    };
  }

  /** The clicker's copy was refreshed in the click answer: the dispatcher need not update it again. */
  private async markClickedDeliveryCurrent(d: Domain, a: CardAction, cardId: number, version: number): Promise<void> {
    const to: DeliveryTarget = a.chat?.kind === 'group' ? { kind: 'chat', chatId: a.chat.chatId } : { kind: 'user', platformUserId: a.senderPlatformId };
    await recordCardDelivery(d.deps, {
      cardId,
      platform: a.platform,
      targetKind: to.kind,
      targetId: to.kind === 'chat' ? to.chatId : to.platformUserId,
      version,
    });
  }
}

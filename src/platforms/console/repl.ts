import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { VirtualClock } from '../../clock/clock';
import type { ChatRef, MentionedUser } from '../types';
import type { ConsolePlatform } from './console-platform';
import { printCard, printMessage } from './printer';
import { CONTROL_HELP, parseDuration } from './controls';

export interface ConsolePerson {
  id: string;
  name: string;
  role: string;
}

/** What the console needs from the running app. */
export interface ConsoleSession {
  platform: ConsolePlatform;
  clock: VirtualClock;
  findPerson(handle: string): Promise<ConsolePerson | undefined>;
  people(): Promise<ConsolePerson[]>;
  groups(): Promise<{ name: string; members: string[] }[]>;
  formatTime(at: Date): string;
  /** Runs deliveries that are due now (after every line). */
  settle(): Promise<void>;
  /** Moves virtual time, running every job and delivery in between, in order. */
  advanceTo(target: Date): Promise<void>;
}

export interface ReplOptions {
  input: Readable;
  out: (text: string) => void;
  interactive: boolean;
  as?: string;
  in?: string;
}

/**
 * Reads chat lines and :controls until EOF or :quit. Lines are handled one at a time, so a piped
 * script gives the same transcript every time for the same --now.
 */
export async function runRepl(s: ConsoleSession, opts: ReplOptions): Promise<void> {
  const runId = randomUUID().slice(0, 8);
  let seq = 0;
  let me: ConsolePerson | undefined = (await s.findPerson(opts.as ?? 'alice')) ?? (await s.people())[0];
  const firstGroup = me ? (await s.groups()).find((g) => g.members.includes(me!.id))?.name : undefined;
  let chat: ChatRef = opts.in && opts.in !== '私聊'
    ? { platform: 'console', chatId: opts.in, kind: 'group' }
    : firstGroup && opts.in !== '私聊'
      ? { platform: 'console', chatId: firstGroup, kind: 'group' }
      : { platform: 'console', chatId: me?.id ?? '', kind: 'private' };
  const where = () => (chat.kind === 'group' ? chat.chatId : '私聊');
  const rl = readline.createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const prompt = () => {
    if (opts.interactive) process.stdout.write(`${me?.name ?? '?'}@${where()}> `);
  };
  opts.out(`dealguard 控制台 · ${s.formatTime(s.clock.now())} · 你是 ${me ? `${me.name}（${me.id}）` : '（无人）'} · 在 ${where()} · 输入 :help 查看控制命令`);
  prompt();
  for await (const raw of rl) {
    const line = raw.replace(/\r$/, '');
    if (!opts.interactive) opts.out(`> ${line}`);
    try {
      if (line.startsWith(':')) {
        const [cmd, ...rest] = line.slice(1).trim().split(/\s+/);
        const arg = rest.join(' ');
        switch ((cmd ?? '').toLowerCase()) {
          case 'as': {
            const p = await s.findPerson(arg);
            if (!p) opts.out(`（找不到「${arg}」。:who 查看所有人）`);
            else {
              me = p;
              if (chat.kind === 'private') chat = { platform: 'console', chatId: p.id, kind: 'private' };
              opts.out(`（你现在是 ${p.name}（${p.id}），在 ${where()}）`);
            }
            break;
          }
          case 'in': {
            if (arg === '私聊' || arg === 'private' || arg === '') chat = { platform: 'console', chatId: me?.id ?? '', kind: 'private' };
            else chat = { platform: 'console', chatId: arg, kind: 'group' };
            if (chat.kind === 'group' && !(await s.groups()).some((g) => g.name === arg)) opts.out(`（${arg} 是一个新群，机器人会记住它）`);
            else opts.out(`（你现在在 ${where()}）`);
            break;
          }
          case 'click': {
            const [cardId, action, ...text] = rest;
            if (!me || !cardId || !action) {
              opts.out('（用法：:click <卡片> <动作> [文字]，例如 :click c3 approve）');
              break;
            }
            const res = await s.platform.inbound.onCardAction({
              platform: 'console',
              eventId: `${runId}-${++seq}`,
              senderPlatformId: me.id,
              chat,
              cardId,
              action,
              ...(text.length ? { text: text.join(' ') } : {}),
            });
            const to = chat.kind === 'group' ? { kind: 'chat' as const, chatId: chat.chatId } : { kind: 'user' as const, platformUserId: me.id };
            const header = await s.platform.header(to);
            for (const r of res.replies) opts.out(printMessage(header.replace(/:$/, ` → ${me.name}:`), r));
            if (res.updatedCard) opts.out(['  （卡片已更新）', ...printCard(res.updatedCard).map((l) => `  ${l}`)].join('\n'));
            await s.settle();
            break;
          }
          case 'advance': {
            const ms = parseDuration(arg);
            if (ms === undefined) {
              opts.out('（用法：:advance <N>d|h|m，例如 :advance 27d、:advance 2h）');
              break;
            }
            const target = new Date(s.clock.now().getTime() + ms);
            await s.advanceTo(target);
            opts.out(`（时间已到 ${s.formatTime(s.clock.now())}）`);
            break;
          }
          case 'now':
            opts.out(`（现在是 ${s.formatTime(s.clock.now())}）`);
            break;
          case 'who': {
            const people = await s.people();
            const groups = await s.groups();
            opts.out(
              [
                ...people.map((p) => `  ${p.id}\t${p.name}\t${p.role}`),
                ...groups.map((g) => `  群 ${g.name}：${g.members.join('、')}`),
              ].join('\n'),
            );
            break;
          }
          case 'help':
            opts.out(CONTROL_HELP);
            break;
          case 'quit':
          case 'exit':
            rl.close();
            return;
          default:
            opts.out(`（没有「:${cmd}」这个控制命令。输入 :help 查看）`);
        }
      } else if (line.trim() !== '' && me) {
        const res = await s.platform.inbound.onMessage({
          platform: 'console',
          messageId: `${runId}-${++seq}`,
          senderPlatformId: me.id,
          senderName: me.name,
          chat,
          text: line,
          mentions: await mentionsIn(line, s),
        });
        const to = chat.kind === 'group' ? { kind: 'chat' as const, chatId: chat.chatId } : { kind: 'user' as const, platformUserId: me.id };
        const header = await s.platform.header(to);
        for (const r of res.replies) opts.out(printMessage(header.replace(/:$/, chat.kind === 'group' ? ` → ${me.name}:` : ':'), r));
        await s.settle();
      }
    } catch (e) {
      opts.out(`（控制台出错：${(e as Error).message}）`);
    }
    prompt();
  }
}

/** "@李雷" in a console line is a real mention of that person (the console has no other way). */
async function mentionsIn(line: string, s: ConsoleSession): Promise<MentionedUser[]> {
  const out: MentionedUser[] = [];
  for (const m of line.matchAll(/@(\S+)/g)) {
    const p = await s.findPerson(m[1]!);
    if (p) out.push({ platformUserId: p.id, name: m[1]! });
  }
  return out;
}

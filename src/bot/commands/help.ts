import { z } from 'zod';
import { defineCommand, type Command, type CommandGroup } from './command';
import { lines } from '../render/format';

const GROUP_ORDER: CommandGroup[] = ['客户报备', '公海', '审批', '代理授权', '管理', '其他'];

/** /帮助 needs the list of commands, which includes itself: the registry hands it over. */
export function createHelpCommand(all: () => Command<never>[], find: (word: string) => Command<never> | undefined) {
  return defineCommand({
    name: '帮助',
    aliases: ['bz', 'help', 'h', '?', '菜单', 'menu'],
    group: '其他',
    summary: '列出所有命令，或查看一个命令的用法和例子',
    usage: '/帮助 [命令]',
    examples: ['/帮助', '/帮助 报备'],
    args: [{ name: 'command', keys: ['命令', 'command'] }],
    schema: z.object({ command: z.string().trim().optional() }),
    async run(ctx, a) {
      if (a.command) {
        const c = find(a.command.replace(/^\//, ''));
        if (!c) return { text: `没有「${a.command}」这个命令。发送 /帮助 查看全部命令。` };
        return { text: commandHelp(c) };
      }
      const visible = all().filter((c) => !c.roles || c.roles.includes(ctx.actor.role));
      const sections = GROUP_ORDER.map((g) => {
        const cs = visible.filter((c) => c.group === g);
        return cs.length === 0 ? '' : lines(`【${g}】`, ...cs.map((c) => `/${c.name}（${c.aliases[0]}）${c.summary}`));
      });
      return { text: lines('dealguard 命令（发送 /帮助 <命令> 查看用法和例子）：', ...sections, '也可以不带斜杠、用简写或英文，例如 bb、register；全角符号也可以。') };
    },
  });
}

export function commandHelp(c: Command<never>): string {
  return lines(
    `/${c.name} — ${c.summary}`,
    `用法：${c.usage}`,
    `别名：${c.aliases.join('、')}`,
    ...(c.notes ?? []).map((n) => `· ${n}`),
    '例子：',
    ...c.examples,
  );
}

import { z } from 'zod';
import { defineCommand } from './command';
import { DomainError } from '../../domain/errors';

export const bindGroupCommand = defineCommand({
  name: '绑定群',
  aliases: ['bind', 'bdq', 'bindgroup'],
  group: '管理',
  summary: '把当前群绑定到一个团队：该团队的提醒会发到这个群并 @ 相关人（管理员或该团队经理）',
  notes: ['经理只能把群绑定到自己的团队；已绑定到其他团队的群，只有管理员或那个团队的经理可以改绑。'],
  usage: '/绑定群 <团队名>',
  examples: ['/绑定群 华东'],
  args: [{ name: 'team', keys: ['团队', 'team'], rest: true }],
  schema: z.object({ team: z.string({ message: '缺少团队名，例如 /绑定群 华东' }).trim().min(1, '缺少团队名') }),
  // A director may lead a team (管理层) and bind that team's group; Groups.bind decides which.
  roles: ['admin', 'manager', 'director'],
  async run(ctx, a) {
    if (!ctx.group) throw new DomainError('not_group', '请在要绑定的群里发送这条命令。', { hint: `在群里 @机器人 /绑定群 ${a.team}` });
    const before = ctx.group.teamId ? await ctx.domain.dir.team(ctx.group.teamId) : undefined;
    const g = await ctx.domain.groups.bind(ctx.actor, ctx.group, a.team);
    const team = (await ctx.domain.dir.team(g.teamId))!;
    const moved = before && before.id !== team.id ? `（原绑定「${before.name}」）` : '';
    return { text: `🔗 已把本群（${g.name}）绑定到团队「${team.name}」${moved}，该团队的提醒会发到这里。` };
  },
});

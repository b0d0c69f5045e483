import type { CommandContext } from '../context';
import type { Staff } from '../../domain/org/directory';
import { DomainError } from '../../domain/errors';

/**
 * A person typed as an argument: "@李雷" (a real platform mention, resolved by user id), a name,
 * or a staff id. Platforms give mention ids in order; names are matched when ids are missing.
 */
export async function resolvePerson(ctx: CommandContext, token: string, atIndex = 0): Promise<Staff> {
  const handle = token.replace(/^@/, '').trim();
  const byName = ctx.mentions.find((m) => m.name === handle);
  const mention = byName ?? (token.startsWith('@') ? ctx.mentions.filter((m) => !m.name || m.name === handle)[atIndex] : undefined);
  if (mention?.platformUserId) {
    const s = await ctx.domain.dir.byPlatformId(ctx.chat.platform, mention.platformUserId);
    if (s) return s;
  }
  const found = await ctx.domain.dir.findByHandle(handle);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new DomainError('unknown_person', `找不到「${handle}」。请写对方的姓名或账号 id，或直接 @ 对方。`);
  throw new DomainError('ambiguous_person', `有 ${found.length} 个人叫「${handle}」：${found.map((s) => `${s.name}(${s.id})`).join('、')}，请改用账号 id。`);
}


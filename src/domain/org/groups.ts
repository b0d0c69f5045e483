import { and, eq } from 'drizzle-orm';
import { chatGroups, groupMembers } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from './directory';
import { recordAudit } from '../audit/audit';
import { DomainError } from '../errors';

export type ChatGroup = typeof chatGroups.$inferSelect;

/** Chat groups the bot has seen, and which team each one speaks for. */
export class Groups {
  constructor(private readonly deps: DomainDeps, private readonly dir: Directory) {}

  /** Remembers a group on every message; a group first seen is named after its title or id. */
  seen(platform: string, chatId: string, title?: string): ChatGroup {
    const now = this.deps.clock.now();
    const existing = this.get(platform, chatId);
    if (existing) {
      const patch = { lastSeenAt: now, ...(title && title !== existing.name ? { name: title } : {}) };
      return this.deps.db.update(chatGroups).set(patch).where(eq(chatGroups.id, existing.id)).returning().get();
    }
    return this.deps.db
      .insert(chatGroups)
      .values({ platform, chatId, name: title ?? chatId, firstSeenAt: now, lastSeenAt: now })
      .returning()
      .get();
  }

  get(platform: string, chatId: string): ChatGroup | undefined {
    return this.deps.db.select().from(chatGroups).where(and(eq(chatGroups.platform, platform), eq(chatGroups.chatId, chatId))).get();
  }

  byId(id: number): ChatGroup | undefined {
    return this.deps.db.select().from(chatGroups).where(eq(chatGroups.id, id)).get();
  }

  byName(platform: string, name: string): ChatGroup | undefined {
    return this.deps.db.select().from(chatGroups).where(and(eq(chatGroups.platform, platform), eq(chatGroups.name, name))).get();
  }

  /** Groups bound to a team on a platform: where that team's pushes go. */
  ofTeam(platform: string, teamId: string): ChatGroup[] {
    return this.deps.db.select().from(chatGroups).where(and(eq(chatGroups.platform, platform), eq(chatGroups.teamId, teamId))).all();
  }

  isMember(groupId: number, staffId: string): boolean {
    return !!this.deps.db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.staffId, staffId))).get();
  }

  /** /绑定群: an admin (or the team's own manager) binds this chat to a team. */
  bind(actor: Staff, group: ChatGroup, teamName: string): ChatGroup {
    const team = this.dir.teamByName(teamName);
    const audit = { details: { audit: { subjectType: 'chat_group', subjectId: group.id, action: 'group.bind' } } };
    if (!team) {
      const names = this.dir.allTeams().map((t) => t.name).join('、') || '（尚未配置团队）';
      throw new DomainError('unknown_team', `没有名为「${teamName}」的团队。现有团队：${names}`, { hint: '/绑定群 <团队名>', ...audit });
    }
    if (actor.role !== 'admin' && !(actor.role === 'manager' && team.leaderId === actor.id)) {
      throw new DomainError('forbidden', '只有管理员或该团队的经理可以绑定群。', audit);
    }
    const updated = this.deps.db.update(chatGroups).set({ teamId: team.id }).where(eq(chatGroups.id, group.id)).returning().get();
    recordAudit(this.deps, { actorId: actor.id, action: 'group.bind', subjectType: 'chat_group', subjectId: group.id, before: { team: group.teamId }, after: { team: team.id } });
    return updated;
  }
}

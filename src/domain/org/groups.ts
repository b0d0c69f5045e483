import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
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

  /** The group's declared members (see readersOf in the delivery path). */
  memberIds(groupId: number): string[] {
    return this.deps.db.select({ id: groupMembers.staffId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).all().map((m) => m.id);
  }

  /**
   * Someone wrote in a group whose members are declared: they read it too. A group never declared
   * stays undeclared (nobody known for certain), so it keeps getting only public facts.
   */
  noteSpeaker(groupId: number, staffId: string): void {
    const db = this.deps.db;
    const p = (name: string) => sql.placeholder(name);
    const declared = prepared(db, 'groups.anyMember', () =>
      db.select({ id: groupMembers.staffId }).from(groupMembers).where(eq(groupMembers.groupId, p('group'))).limit(1).prepare(),
    ).get({ group: groupId });
    if (!declared) return;
    prepared(db, 'groups.addMember', () => db.insert(groupMembers).values({ groupId: p('group'), staffId: p('staff') }).onConflictDoNothing().prepare()).run({ group: groupId, staff: staffId });
  }

  isMember(groupId: number, staffId: string): boolean {
    return !!this.deps.db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.staffId, staffId))).get();
  }

  /**
   * /绑定群: an admin binds any group to any team; a team's leader (its manager) binds a group to
   * their own team, but a group already bound to another team only with that team's leader's
   * consent, i.e. by an admin or that leader. Refusals are audited with the team asked for.
   */
  bind(actor: Staff, group: ChatGroup, teamName: string): ChatGroup {
    const team = this.dir.teamByName(teamName);
    const audit = (after: Record<string, unknown>) => ({
      details: { audit: { subjectType: 'chat_group', subjectId: group.id, action: 'group.bind', before: { team: group.teamId }, after } },
    });
    if (!team) {
      const names = this.dir.allTeams().map((t) => t.name).join('、') || '（尚未配置团队）';
      throw new DomainError('unknown_team', `没有名为「${teamName}」的团队。现有团队：${names}`, { hint: '/绑定群 <团队名>', ...audit({ team: teamName }) });
    }
    const current = group.teamId ? this.dir.team(group.teamId) : undefined;
    const admins = this.dir.admins().map((a) => a.name).join('、') || '管理员';
    const leaderName = (t: { leaderId: string | null; name: string }) => (t.leaderId ? this.dir.get(t.leaderId)?.name : undefined) ?? `「${t.name}」的负责人`;
    if (actor.role !== 'admin') {
      if (current && current.id !== team.id && current.leaderId !== actor.id) {
        throw new DomainError(
          'bound_elsewhere',
          `本群已绑定到团队「${current.name}」，只有管理员（${admins}）或「${current.name}」的负责人 ${leaderName(current)} 可以改绑。`,
          { hint: `请联系 ${admins} 改绑本群`, ...audit({ team: team.id }) },
        );
      }
      if (team.leaderId !== actor.id) {
        throw new DomainError('forbidden', `只有管理员（${admins}）或「${team.name}」的负责人 ${leaderName(team)} 可以把群绑定到「${team.name}」。`, {
          hint: actor.teamId ? `/绑定群 ${this.dir.team(actor.teamId)?.name ?? actor.teamId}（你自己的团队）` : `请联系 ${admins}`,
          ...audit({ team: team.id }),
        });
      }
    }
    const updated = this.deps.db.update(chatGroups).set({ teamId: team.id }).where(eq(chatGroups.id, group.id)).returning().get();
    recordAudit(this.deps, { actorId: actor.id, action: 'group.bind', subjectType: 'chat_group', subjectId: group.id, before: { team: group.teamId }, after: { team: team.id } });
    return updated;
  }
}

import { and, eq, sql } from 'drizzle-orm';
import type { chatGroups } from '../../../db/schema';
import { first, only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from './directory';
import { recordAudit } from '../audit/audit';
import { DomainError } from '../errors';

export type ChatGroup = typeof chatGroups.$inferSelect;

/** Chat groups the bot has seen, and which team each one speaks for. */
export class Groups {
  constructor(private readonly deps: DomainDeps, private readonly dir: Directory) {}

  /** Remembers a group on every message; a group first seen is named after its title or id. */
  async seen(platform: string, chatId: string, title?: string): Promise<ChatGroup> {
    const { db, t } = this.deps.tx;
    const now = this.deps.clock.now();
    const existing = await this.get(platform, chatId);
    if (existing) {
      const patch = { lastSeenAt: now, ...(title && title !== existing.name ? { name: title } : {}) };
      return only(await db.update(t.chatGroups).set(patch).where(eq(t.chatGroups.id, existing.id)).returning());
    }
    return only(
      await db
        .insert(t.chatGroups)
        .values({ platform, chatId, name: title ?? chatId, firstSeenAt: now, lastSeenAt: now })
        .returning(),
    );
  }

  async get(platform: string, chatId: string): Promise<ChatGroup | undefined> {
    return await this.deps.tx
      .prepared('groups.byChat', (db, t) =>
        db.select().from(t.chatGroups).where(and(eq(t.chatGroups.platform, sql.placeholder('platform')), eq(t.chatGroups.chatId, sql.placeholder('chat')))).prepare(),
      )
      .get({ platform, chat: chatId });
  }

  async byId(id: number): Promise<ChatGroup | undefined> {
    const { db, t } = this.deps.tx;
    return (await db.select().from(t.chatGroups).where(eq(t.chatGroups.id, id)))[0];
  }

  async byName(platform: string, name: string): Promise<ChatGroup | undefined> {
    const { db, t } = this.deps.tx;
    return first(await db.select().from(t.chatGroups).where(and(eq(t.chatGroups.platform, platform), eq(t.chatGroups.name, name))).limit(1));
  }

  /** Groups bound to a team on a platform: where that team's pushes go. */
  async ofTeam(platform: string, teamId: string): Promise<ChatGroup[]> {
    const { db, t } = this.deps.tx;
    return await db.select().from(t.chatGroups).where(and(eq(t.chatGroups.platform, platform), eq(t.chatGroups.teamId, teamId)));
  }

  /** The group's declared members (see readersOf in the delivery path). */
  async memberIds(groupId: number): Promise<string[]> {
    const rows = await this.deps.tx
      .prepared('groups.members', (db, t) => db.select({ id: t.groupMembers.staffId }).from(t.groupMembers).where(eq(t.groupMembers.groupId, sql.placeholder('group'))).prepare())
      .all({ group: groupId });
    return rows.map((m) => m.id);
  }

  /**
   * Someone wrote in a group whose members are declared: they read it too. A group never declared
   * stays undeclared (nobody known for certain), so it keeps getting only public facts.
   */
  async noteSpeaker(groupId: number, staffId: string): Promise<void> {
    const tx = this.deps.tx;
    const p = (name: string) => sql.placeholder(name);
    const declared = await tx
      .prepared('groups.anyMember', (db, t) => db.select({ id: t.groupMembers.staffId }).from(t.groupMembers).where(eq(t.groupMembers.groupId, p('group'))).limit(1).prepare())
      .get({ group: groupId });
    if (!declared) return;
    await tx
      .prepared('groups.addMember', (db, t) => db.insert(t.groupMembers).values({ groupId: p('group'), staffId: p('staff') }).onConflictDoNothing().prepare())
      .run({ group: groupId, staff: staffId });
  }

  async isMember(groupId: number, staffId: string): Promise<boolean> {
    const { db, t } = this.deps.tx;
    return !!first(await db.select().from(t.groupMembers).where(and(eq(t.groupMembers.groupId, groupId), eq(t.groupMembers.staffId, staffId))).limit(1));
  }

  /**
   * /绑定群: an admin binds any group to any team; a team's leader (its manager) binds a group to
   * their own team, but a group already bound to another team only with that team's leader's
   * consent, i.e. by an admin or that leader. Refusals are audited with the team asked for.
   */
  async bind(actor: Staff, group: ChatGroup, teamName: string): Promise<ChatGroup> {
    const team = await this.dir.teamByName(teamName);
    const audit = (after: Record<string, unknown>) => ({
      details: { audit: { subjectType: 'chat_group', subjectId: group.id, action: 'group.bind', before: { team: group.teamId }, after } },
    });
    if (!team) {
      const names = (await this.dir.allTeams()).map((t) => t.name).join('、') || '（尚未配置团队）';
      throw new DomainError('unknown_team', `没有名为「${teamName}」的团队。现有团队：${names}`, { hint: '/绑定群 <团队名>', ...audit({ team: teamName }) });
    }
    const current = group.teamId ? await this.dir.team(group.teamId) : undefined;
    const admins = (await this.dir.admins()).map((a) => a.name).join('、') || '管理员';
    const leaderName = async (t: { leaderId: string | null; name: string }) => (t.leaderId ? (await this.dir.get(t.leaderId))?.name : undefined) ?? `「${t.name}」的负责人`;
    if (actor.role !== 'admin') {
      if (current && current.id !== team.id && current.leaderId !== actor.id) {
        throw new DomainError(
          'bound_elsewhere',
          `本群已绑定到团队「${current.name}」，只有管理员（${admins}）或「${current.name}」的负责人 ${await leaderName(current)} 可以改绑。`,
          { hint: `请联系 ${admins} 改绑本群`, ...audit({ team: team.id }) },
        );
      }
      if (team.leaderId !== actor.id) {
        throw new DomainError('forbidden', `只有管理员（${admins}）或「${team.name}」的负责人 ${await leaderName(team)} 可以把群绑定到「${team.name}」。`, {
          hint: actor.teamId ? `/绑定群 ${(await this.dir.team(actor.teamId))?.name ?? actor.teamId}（你自己的团队）` : `请联系 ${admins}`,
          ...audit({ team: team.id }),
        });
      }
    }
    const { db, t } = this.deps.tx;
    const updated = only(await db.update(t.chatGroups).set({ teamId: team.id }).where(eq(t.chatGroups.id, group.id)).returning());
    await recordAudit(this.deps, { actorId: actor.id, action: 'group.bind', subjectType: 'chat_group', subjectId: group.id, before: { team: group.teamId }, after: { team: team.id } });
    return updated;
  }
}

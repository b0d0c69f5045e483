import { eq } from 'drizzle-orm';
import type { VirtualClock } from '../clock/clock';
import type { ConsolePlatform } from '../platforms/console/console-platform';
import type { ConsoleSession } from '../platforms/console/repl';
import type { App } from './create-app';
import type { DomainRoot } from '../domain/domain';
import { ROLE_ZH } from '../bot/render/format';

/**
 * How the console platform names a person in its headers. The platform exists before the app
 * (which is built over it), so it reads through a root of its own; it prints outside any unit of work.
 */
export function consolePersonName(root: DomainRoot): (id: string) => Promise<string> {
  return (id) => root.read(async (d) => (await d.dir.get(id))?.name ?? id);
}

/** Gives the console REPL what it needs from the app, and nothing more. */
export function consoleSession(app: Pick<App, 'root' | 'dispatcher' | 'scheduler'>, platform: ConsolePlatform, clock: VirtualClock): ConsoleSession {
  const root = app.root;
  return {
    platform,
    clock,
    findPerson: (handle) =>
      root.read(async (d) => {
        const s = (await d.dir.findByHandle(handle))[0];
        return s ? { id: s.id, name: s.name, role: ROLE_ZH[s.role] ?? s.role } : undefined;
      }),
    people: () =>
      root.read(async (d) => {
        const { db, t } = d.deps.tx;
        return (await db.select().from(t.staff)).map((s) => ({ id: s.id, name: s.name, role: ROLE_ZH[s.role] ?? s.role }));
      }),
    groups: () =>
      root.read(async (d) => {
        const { db, t } = d.deps.tx;
        const rows = await db.select().from(t.chatGroups).where(eq(t.chatGroups.platform, 'console'));
        const groups: { name: string; members: string[] }[] = [];
        for (const g of rows) {
          const members = await db.select().from(t.groupMembers).where(eq(t.groupMembers.groupId, g.id));
          groups.push({ name: g.name, members: members.map((m) => m.staffId) });
        }
        return groups;
      }),
    formatTime: (at) => root.env.time.dateTime(at),
    settle: async () => {
      await app.dispatcher.runOnce();
    },
    advanceTo: (target) => app.scheduler.advanceTo(clock, target),
  };
}

import { eq } from 'drizzle-orm';
import { chatGroups, groupMembers, staff } from '../../db/schema';
import type { VirtualClock } from '../clock/clock';
import type { ConsolePlatform } from '../platforms/console/console-platform';
import type { ConsoleSession } from '../platforms/console/repl';
import type { App } from './create-app';
import { ROLE_ZH } from '../bot/render/format';


/** Gives the console REPL what it needs from the app, and nothing more. */
export function consoleSession(app: App, platform: ConsolePlatform, clock: VirtualClock): ConsoleSession {
  const d = app.domain;
  return {
    platform,
    clock,
    findPerson(handle) {
      const s = d.dir.findByHandle(handle)[0];
      return s ? { id: s.id, name: s.name, role: ROLE_ZH[s.role] ?? s.role } : undefined;
    },
    people() {
      return d.deps.db.select().from(staff).all().map((s) => ({ id: s.id, name: s.name, role: ROLE_ZH[s.role] ?? s.role }));
    },
    groups() {
      const rows = d.deps.db.select().from(chatGroups).where(eq(chatGroups.platform, 'console')).all();
      return rows.map((g) => ({
        name: g.name,
        members: d.deps.db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id)).all().map((m) => m.staffId),
      }));
    },
    formatTime: (at) => d.deps.time.dateTime(at),
    settle: async () => {
      await app.dispatcher.runOnce();
    },
    advanceTo: (target) => app.scheduler.advanceTo(clock, target),
  };
}

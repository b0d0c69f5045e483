import { and, asc, eq, gt, notLike, or } from 'drizzle-orm';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import { recordAudit } from '../audit/audit';
import { DomainError } from '../errors';
import { maskMobile } from '../dedup';
import { DAY_MS, HOUR_MS } from '../time';

/** Identifiers a /查重 may carry, stored normalised (E.164 numbers, upper-case credit code). */
export interface IdentifierQuery {
  mobile?: string | null;
  uscc?: string | null;
  landline?: string | null;
}

export const LOOKUP_ACTION = 'dedup.lookup';

const KIND_ZH = { mobile: '手机号', uscc: '信用代码', landline: '座机' } as const;
type Kind = keyof typeof KIND_ZH;

/** Keeps the first and last four characters: enough to tell look-ups apart, too little to call. */
function maskMiddle(v: string): string {
  return v.length <= 8 ? '*'.repeat(v.length) : `${v.slice(0, 4)}****${v.slice(-4)}`;
}

/** What the audit row keeps of each identifier: never the full value. */
function maskedIdentifiers(q: IdentifierQuery): Partial<Record<Kind, string>> {
  const out: Partial<Record<Kind, string>> = {};
  if (q.mobile) out.mobile = maskMobile(q.mobile);
  if (q.uscc) out.uscc = maskMiddle(q.uscc);
  if (q.landline) out.landline = maskMiddle(q.landline.split(';')[0]!.replace(/^\+86/, '0'));
  return out;
}

const kindsOf = (q: IdentifierQuery): Kind[] => (['mobile', 'uscc', 'landline'] as const).filter((k) => !!q[k]);

/**
 * 查重 by an identifier tells who holds a number and until when, so a list of numbers could be
 * walked: each person's look-ups are audited (identifiers masked) and counted from the audit log
 * within a rolling hour and day of the injected clock, so every process sharing the database
 * counts the same. Name-only checks are neither counted nor audited: they reveal no number.
 */
export class LookupQuota {
  constructor(private readonly deps: DomainDeps, private readonly dir: Directory) {}

  /** Refuses, with when it resets and whom to ask, once the actor is past a limit. */
  async admit(actor: Staff, q: IdentifierQuery): Promise<void> {
    const kinds = kindsOf(q);
    if (kinds.length === 0) return;
    const rules = this.deps.rules.dedup;
    if (rules.unlimitedRoles.includes(actor.role)) return;
    const now = this.deps.clock.now().getTime();
    const recent = await this.recentLookups(actor.id, now - DAY_MS);
    const lastHour = recent.filter((at) => at > now - HOUR_MS);
    // The window holds at most `limit` look-ups; the oldest of the last `limit` frees a slot.
    const freesAt = (ats: number[], limit: number, windowMs: number) => ats[ats.length - limit]! + windowMs;
    let resetAt: number | undefined;
    let which = '';
    if (recent.length >= rules.lookupsPerDay) {
      resetAt = freesAt(recent, rules.lookupsPerDay, DAY_MS);
      which = `在 24 小时内已查 ${recent.length} 次`;
    } else if (lastHour.length >= rules.lookupsPerHour) {
      resetAt = freesAt(lastHour, rules.lookupsPerHour, HOUR_MS);
      which = `在 1 小时内已查 ${lastHour.length} 次`;
    }
    if (resetAt === undefined) return;
    const manager = await this.dir.managerOf(actor);
    const admins = (await this.dir.admins()).map((a) => a.name);
    const ask = [...(manager?.active ? [manager.name] : []), ...admins].join(' 或 ') || '管理员';
    throw new DomainError(
      'lookup_limit',
      `按${kinds.map((k) => KIND_ZH[k]).join('、')}查重太频繁：你${which}，上限为每小时 ${rules.lookupsPerHour} 次、每天 ${rules.lookupsPerDay} 次。${this.deps.time.short(new Date(resetAt))} 后可以再查；只按公司名称查重不受限制。`,
      {
        hint: `需要批量查重，请联系 ${ask}`,
        details: { audit: { subjectType: 'staff', subjectId: actor.id, action: LOOKUP_ACTION, after: { kinds, ...maskedIdentifiers(q) } } },
      },
    );
  }

  /** The audit subject of a look-up, for a refusal that answered one (e.g. /修改 to a number someone holds). */
  auditOf(actor: Staff, q: IdentifierQuery): { subjectType: string; subjectId: string; action: string; after: Record<string, unknown> } {
    return { subjectType: 'staff', subjectId: actor.id, action: LOOKUP_ACTION, after: { kinds: kindsOf(q), ...maskedIdentifiers(q) } };
  }

  /** One audit row per look-up by an identifier: who, which kinds (masked), what it found. */
  async record(actor: Staff, q: IdentifierQuery, found: { tier: string; customerIds: number[] }): Promise<void> {
    const kinds = kindsOf(q);
    if (kinds.length === 0) return;
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: LOOKUP_ACTION,
      subjectType: 'staff',
      subjectId: actor.id,
      after: { kinds, ...maskedIdentifiers(q), tier: found.tier, customerIds: found.customerIds },
    });
  }

  /** Times (ms) of the actor's counted look-ups since `since`, oldest first; read by the audit index. */
  private async recentLookups(actorId: string, since: number): Promise<number[]> {
    const { db, t } = this.deps.tx;
    const log = t.auditLog;
    const rows = await db
      .select({ at: log.at })
      .from(log)
      .where(
        and(
          eq(log.subjectType, 'staff'),
          eq(log.subjectId, actorId),
          gt(log.at, new Date(since)),
          eq(log.action, LOOKUP_ACTION),
          // A look-up answered by a refusal that named the holder counts; one refused for the limit does not.
          or(eq(log.outcome, 'ok'), and(eq(log.outcome, 'refused'), notLike(log.detail, 'lookup_limit:%'))),
        ),
      )
      .orderBy(asc(log.at));
    return rows.map((r) => r.at.getTime());
  }
}

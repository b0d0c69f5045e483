import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { Disclosure } from '../org/disclosure';
import { DomainError } from '../errors';
import type { NoticeInput } from '../outbox/notices';
import type { CustomerRow, RegistrationInput } from '../registration/types';
import { today, type IsoDate } from './dates';
import { customerRegion, regionCovered } from './regions';
import { inForce } from './status';
import type { AuthorizationStore } from './store';
import type { AuthorizationRow, PeriodRow } from './types';

export const LAPSED_ATTEMPT_NOTICE = 'authz.lapsed_attempt';

export interface DealerStanding {
  /** dealguard holds at least one authorization for this dealer. */
  onFile: boolean;
  inForce: { authorization: AuthorizationRow; period: PeriodRow }[];
  /** The most recently ended period, when none is in force. */
  lastEnded?: { authorization: AuthorizationRow; period: PeriodRow };
  /** Where the dealer may register: the regions in force, else (none on file) the org file's. */
  regions: string[];
  /** The 负责人 of its first authorization on file: told of refusals when the org file names no channel manager. */
  firstOwnerId?: string;
}

/**
 * What a dealer's people may do given its authorizations: nothing new while every authorization
 * has lapsed, and only inside the authorized regions. A dealer dealguard holds no authorization
 * for keeps working as before, checked only against the org file's regions when the customer's
 * place is known.
 */
export class DealerGuard {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly store: AuthorizationStore,
  ) {}

  async standing(dealerId: string, day: IsoDate = today(this.deps.time, this.deps.clock.now())): Promise<DealerStanding> {
    const rows = await this.store.periodsOfDealer(dealerId);
    if (rows.length === 0) return { onFile: false, inForce: [], regions: (await this.dir.dealer(dealerId))?.regions ?? [] };
    const live: DealerStanding['inForce'] = [];
    let lastEnded: DealerStanding['lastEnded'];
    for (const { a, p } of rows) {
      if (inForce(p, day)) live.push({ authorization: a, period: p });
      else if (p.endsOn < day && (!lastEnded || p.endsOn > lastEnded.period.endsOn)) lastEnded = { authorization: a, period: p };
    }
    const regions = [...new Set(live.flatMap((x) => x.authorization.regions))];
    return { onFile: true, inForce: live, ...(live.length === 0 && lastEnded ? { lastEnded } : {}), regions, firstOwnerId: rows[0]!.a.ownerId };
  }

  async checkRegistration(actor: Staff, input: RegistrationInput): Promise<void> {
    if (actor.role !== 'partner' || !actor.dealerId) return;
    const where = customerRegion({ province: input.province ?? null, city: input.city ?? null, company: input.company });
    await this.check(actor, actor.dealerId, input.company, where, `/报备 ${input.company} ${input.contactName} <手机> 省=<省份> 市=<城市>`, 'registration.create', '报备');
  }

  async checkClaim(actor: Staff, c: CustomerRow): Promise<void> {
    if (actor.role !== 'partner' || !actor.dealerId) return;
    const where = customerRegion({ province: c.province, city: c.city, company: c.name });
    await this.check(actor, actor.dealerId, c.name, where, undefined, 'pool.claim', '认领');
  }

  private async check(actor: Staff, dealerId: string, company: string, where: ReturnType<typeof customerRegion>, regionHint: string | undefined, action: string, verb: string): Promise<void> {
    const s = await this.standing(dealerId);
    const audit = { subjectType: 'staff', subjectId: actor.id, action };
    // What these refusals tell (contracts, regions) is the dealer's own business: not for a group with another dealer.
    const disclosed: Disclosure[] = [{ kind: 'dealer', dealerId }];
    const cm = await this.channelManager(dealerId, s);
    const cmName = cm ? ((await this.dir.get(cm))?.name ?? cm) : '渠道经理';
    if (s.onFile && s.inForce.length === 0) {
      const what = s.lastEnded
        ? `的代理授权已于 ${s.lastEnded.period.endsOn} 到期（合同 ${s.lastEnded.authorization.contractNo}）`
        : '的代理授权尚未生效';
      throw new DomainError('authorization_lapsed', `「${dealerId}」${what}，续约完成前不能报备或认领新客户。已通知渠道经理 ${cmName}。`, {
        hint: `请联系 ${cmName} 办理续约；发送 /授权 ${dealerId} 查看授权状态`,
        details: { audit, disclosed, notices: cm ? [this.lapsedNotice(actor, dealerId, company, cm, s)] : [] },
      });
    }
    if (s.regions.length === 0) return;
    const regions = s.regions.join('、');
    if (!where) {
      // Without a place we cannot tell; only authorizations on file make the place mandatory.
      if (!s.onFile) return;
      throw new DomainError('region_unknown', `请注明「${company}」所在的省市：「${dealerId}」只在 ${regions} 有授权。`, {
        ...(regionHint ? { hint: regionHint } : { hint: `请联系 ${cmName} 确认客户所在地区` }),
        details: { audit, disclosed },
      });
    }
    if (!regionCovered(s.regions, where)) {
      throw new DomainError('outside_region', `「${company}」在 ${where.name}，不在「${dealerId}」的授权区域（${regions}）内，不能${verb}。`, {
        hint: `授权区域以外的客户请联系渠道经理 ${cmName}`,
        details: { audit, disclosed },
      });
    }
  }

  private async channelManager(dealerId: string, s: DealerStanding): Promise<string | undefined> {
    return (await this.dir.dealer(dealerId))?.channelManagerId ?? s.lastEnded?.authorization.ownerId ?? s.firstOwnerId;
  }

  private lapsedNotice(actor: Staff, dealerId: string, company: string, to: string, s: DealerStanding): NoticeInput {
    const day = today(this.deps.time, this.deps.clock.now());
    return {
      // Once a day per dealer: the channel manager needs to know, not to be paged on every try.
      key: `authz-lapsed:${dealerId}:${day}`,
      to: { type: 'staff', id: to },
      payload: {
        template: LAPSED_ATTEMPT_NOTICE,
        params: { dealerId, actor: actor.id, company, contractNo: s.lastEnded?.authorization.contractNo ?? null, endsOn: s.lastEnded?.period.endsOn ?? null },
      },
    };
  }
}

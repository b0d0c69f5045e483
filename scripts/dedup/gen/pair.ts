import { randomEntity, randomPlace, type Entity } from './entities';
import type { Random } from './random';
import { companyName, type NameOptions, type RegionStyle } from './render';
import { BRANCH_KINDS, CN_ORDINALS, CORE_CHARS } from './vocabulary';

/**
 * One labelled pair. `duplicate` is the truth: one legal entity / one customer. `related` marks
 * pairs that are different entities of one family (parent and branch, sister companies, the
 * same 字号 elsewhere): the product must show them as 疑似, never block them.
 */
export interface Pair {
  a: string;
  b: string;
  duplicate: boolean;
  kind: string;
  related?: boolean;
  aPhone?: string;
  bPhone?: string;
  aUscc?: string;
  bUscc?: string;
}

export interface Ctx {
  rnd: Random;
  used: Set<string>;
}

export type Maker = (ctx: Ctx) => Pair;

export const STYLES: readonly RegionStyle[] = ['short', 'full', 'long', 'long-short'];

export function entity(ctx: Ctx, over: Partial<Entity> = {}): Entity {
  return randomEntity(ctx.rnd, ctx.used, over);
}

export function base(ctx: Ctx, e: Entity, o: NameOptions = {}): string {
  return companyName(e, { style: ctx.rnd.pick(['short', 'full'] as const), ...o });
}

export function swapOne(ctx: Ctx, core: string): string {
  for (;;) {
    const i = ctx.rnd.int(core.length);
    const ch = ctx.rnd.pick(CORE_CHARS);
    const next = core.slice(0, i) + ch + core.slice(i + 1);
    if (next !== core && !ctx.used.has(next)) {
      ctx.used.add(next);
      return next;
    }
  }
}

export function branchDescriptor(ctx: Ctx): string {
  const kind = ctx.rnd.pick(BRANCH_KINDS);
  if (kind === '分店' || ctx.rnd.chance(0.25)) {
    return ctx.rnd.chance(0.5) ? `第${ctx.rnd.pick(CN_ORDINALS)}${kind}` : `${ctx.rnd.pick(['人民路', '中山路', '解放路', '建设路'])}${kind}`;
  }
  const where = randomPlace(ctx.rnd);
  const place = where.city?.name ?? where.province.name;
  return (ctx.rnd.chance(0.5) ? place.replace(/市$/, '') : place) + kind;
}

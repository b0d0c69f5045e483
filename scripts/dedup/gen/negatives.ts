import { randomCore, randomUscc } from './entities';
import { base, entity, swapOne, type Maker } from './pair';
import { companyName } from './render';
import { GENERIC_CORES } from './vocabulary';


export const diffCore: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { place: e.place, industry: e.industry, form: e.form });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(f, { style }), duplicate: false, kind: 'neg-diff-core-same-region-industry' };
};

export const oneCharShort: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 2) });
  const f = { ...e, core: swapOne(ctx, e.core), uscc: randomUscc(ctx.rnd, e.place.area.code) };
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-one-char-2' };
};

export const oneCharLong: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  const f = { ...e, core: swapOne(ctx, e.core), form: ctx.rnd.chance(0.5) ? e.form : '有限公司' };
  return { a: companyName(e, { style }), b: companyName(f, { style }), duplicate: false, kind: 'neg-one-char-3plus' };
};

export const genericCore: Maker = (ctx) => {
  const core = ctx.rnd.pick(GENERIC_CORES);
  const e = entity(ctx, { core });
  const f = ctx.rnd.chance(0.5) ? entity(ctx, { core, industry: e.industry }) : entity(ctx, { core, place: e.place });
  if (f.industry === e.industry && f.place.area.code.slice(0, 4) === e.place.area.code.slice(0, 4)) f.industry = e.industry === '贸易' ? '物流' : '贸易';
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-generic-core' };
};

export const usccOneChar: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx);
  const at = 2 + ctx.rnd.int(15);
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let changed = e.uscc;
  while (changed === e.uscc) {
    const ch = at < 8 ? String(ctx.rnd.int(10)) : ctx.rnd.pick([...chars]);
    changed = e.uscc.slice(0, at) + ch + e.uscc.slice(at + 1);
  }
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-uscc-one-char', aUscc: e.uscc, bUscc: changed };
};

export const invalidMobile: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx);
  const phone = ctx.rnd.pick(['12345678901', '123-4567-8901', '15412345678', '10000000000']);
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-invalid-mobile', aPhone: phone, bPhone: phone };
};

export const unrelated: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx);
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-unrelated' };
};

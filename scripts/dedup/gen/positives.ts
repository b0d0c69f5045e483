import { randomCore, randomLatinCore, randomPlace } from './entities';
import { base, entity, swapOne, STYLES, type Maker } from './pair';
import { companyName, flipCase, fullWidth, halfWidth, mobileFormat, otherBrackets, sprinkleSpaces, traditional, type Level } from './render';


export const regionBracket: Maker = (ctx) => {
  const e = entity(ctx);
  const level: Level = e.place.depth === 'area' ? 'city' : e.place.depth;
  const style = ctx.rnd.pick(['short', 'full'] as const);
  const b = companyName(e, { level, style: ctx.rnd.pick(['short', 'full'] as const), position: ctx.rnd.pick(['bracket', 'bracket-mid'] as const) });
  return { a: companyName(e, { level, style }), b, duplicate: true, kind: 'region-bracket' };
};

export const regionLevel: Maker = (ctx) => {
  const e = entity(ctx, { place: { ...randomPlace(ctx.rnd), depth: 'area' } });
  const levels: Level[] = ['province', 'city', 'area'];
  const la = ctx.rnd.pick(levels);
  const lb = ctx.rnd.pick(levels);
  const sa = ctx.rnd.pick(STYLES);
  let sb = ctx.rnd.pick(STYLES);
  if (la === lb && sa === sb) sb = sa === 'short' ? 'full' : 'short';
  return { a: companyName(e, { level: la, style: sa }), b: companyName(e, { level: lb, style: sb }), duplicate: true, kind: 'region-level' };
};

export const formLtd: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const [fa, fb] = ctx.rnd.chance(0.5) ? ['有限公司', '有限责任公司'] : ['有限责任公司', '有限公司'];
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { form: fa, style }), b: companyName(e, { form: fb, style }), duplicate: true, kind: 'form-ltd' };
};

export const formStock: Maker = (ctx) => {
  const e = entity(ctx, { form: '股份有限公司' });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(e, { style, form: '股份公司' }), duplicate: true, kind: 'form-stock' };
};

export const traditionalKind: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e, { position: ctx.rnd.pick(['lead', 'bracket'] as const) });
  return { a, b: traditional(a), duplicate: true, kind: 'traditional' };
};

export const fullWidthKind: Maker = (ctx) => {
  const latin = ctx.rnd.chance(0.6);
  const e = entity(ctx, latin ? { core: randomLatinCore(ctx.rnd, ctx.used) } : {});
  const a = base(ctx, e, { position: latin ? 'lead' : 'bracket' });
  return { a: halfWidth(a), b: fullWidth(a), duplicate: true, kind: 'full-width' };
};

export const bracketKinds: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e, { position: 'bracket' });
  return { a, b: otherBrackets(ctx.rnd, a), duplicate: true, kind: 'bracket-kinds' };
};

export const spaces: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e);
  return { a, b: sprinkleSpaces(ctx.rnd, a), duplicate: true, kind: 'spaces-punctuation' };
};

export const latinCase: Maker = (ctx) => {
  const e = entity(ctx, { core: randomLatinCore(ctx.rnd, ctx.used) });
  const a = base(ctx, e);
  let b = flipCase(ctx.rnd, a);
  if (b === a) b = a.toLowerCase();
  return { a, b: ctx.rnd.chance(0.3) ? sprinkleSpaces(ctx.rnd, b) : b, duplicate: true, kind: 'latin-case' };
};

export const sameUsccRenamed: Maker = (ctx) => {
  const e = entity(ctx);
  const renamed = { ...e, core: randomCore(ctx.rnd, ctx.used), industry: ctx.rnd.chance(0.5) ? e.industry : entity(ctx).industry };
  const typed = ctx.rnd.pick([e.uscc, e.uscc.toLowerCase(), `${e.uscc.slice(0, 2)} ${e.uscc.slice(2, 8)} ${e.uscc.slice(8)}`, fullWidth(e.uscc)]);
  return { a: base(ctx, e), b: base(ctx, renamed), duplicate: true, kind: 'same-uscc-renamed', aUscc: e.uscc, bUscc: typed };
};

export const sameMobile: Maker = (ctx) => {
  const e = entity(ctx);
  const other = ctx.rnd.chance(0.5) ? e.core : randomCore(ctx.rnd, ctx.used);
  const b = ctx.rnd.chance(0.5) ? other : companyName({ ...e, core: other }, { position: 'none', industry: '' });
  return { a: base(ctx, e), b, duplicate: true, kind: 'same-mobile-format', aPhone: e.mobile, bPhone: mobileFormat(ctx.rnd, e.mobile) };
};

export const combined: Maker = (ctx) => {
  const e = entity(ctx, ctx.rnd.chance(0.2) ? { core: randomLatinCore(ctx.rnd, ctx.used) } : {});
  const level: Level = e.place.depth === 'area' ? 'city' : e.place.depth;
  const a = companyName(e, { level, style: 'full' });
  let b = companyName(e, { level, style: 'short', position: ctx.rnd.pick(['lead', 'bracket'] as const), form: e.form === '有限公司' ? '有限责任公司' : e.form });
  const steps = [
    (s: string) => traditional(s), (s: string) => fullWidth(s), (s: string) => sprinkleSpaces(ctx.rnd, s),
    (s: string) => otherBrackets(ctx.rnd, s), (s: string) => flipCase(ctx.rnd, s),
  ];
  for (let i = 0, n = 1 + ctx.rnd.int(2); i < n; i += 1) b = ctx.rnd.pick(steps)(b);
  return { a, b, duplicate: true, kind: 'combined' };
};

export const regionOmitted: Maker = (ctx) => {
  const e = entity(ctx);
  return { a: base(ctx, e), b: companyName(e, { position: 'none' }), duplicate: true, kind: 'region-omitted' };
};

export const bareBrand: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  return { a: base(ctx, e), b: e.core, duplicate: true, kind: 'bare-brand' };
};

export const typo: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(e, { style, core: swapOne(ctx, e.core) }), duplicate: true, kind: 'typo-one-char' };
};

export const sameBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const where = randomPlace(ctx.rnd);
  const city = where.city?.name ?? where.province.name;
  const a = base(ctx, e, { branch: `${city.replace(/市$/, '')}分公司` });
  const b = base(ctx, e, { branch: `${city}分公司`, form: ctx.rnd.pick(['有限公司', '有限责任公司']) });
  return { a, b, duplicate: true, kind: 'branch-same' };
};

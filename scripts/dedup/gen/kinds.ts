import { randomCore, randomEntity, randomLatinCore, randomPlace, randomUscc, type Entity } from './entities';
import type { Random } from './random';
import {
  companyName, flipCase, fullWidth, halfWidth, mobileFormat, otherBrackets, sprinkleSpaces, traditional,
  type Level, type NameOptions, type RegionStyle,
} from './render';
import { BRANCH_KINDS, CN_ORDINALS, CORE_CHARS, GENERIC_CORES, SISTER_INDUSTRIES } from './vocabulary';

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

type Maker = (ctx: Ctx) => Pair;

const STYLES: readonly RegionStyle[] = ['short', 'full', 'long', 'long-short'];

function entity(ctx: Ctx, over: Partial<Entity> = {}): Entity {
  return randomEntity(ctx.rnd, ctx.used, over);
}

function base(ctx: Ctx, e: Entity, o: NameOptions = {}): string {
  return companyName(e, { style: ctx.rnd.pick(['short', 'full'] as const), ...o });
}

function swapOne(ctx: Ctx, core: string): string {
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

function branchDescriptor(ctx: Ctx): string {
  const kind = ctx.rnd.pick(BRANCH_KINDS);
  if (kind === '分店' || ctx.rnd.chance(0.25)) {
    return ctx.rnd.chance(0.5) ? `第${ctx.rnd.pick(CN_ORDINALS)}${kind}` : `${ctx.rnd.pick(['人民路', '中山路', '解放路', '建设路'])}${kind}`;
  }
  const where = randomPlace(ctx.rnd);
  const place = where.city?.name ?? where.province.name;
  return (ctx.rnd.chance(0.5) ? place.replace(/市$/, '') : place) + kind;
}

// ---- positives: one entity written two ways --------------------------------------------------

const regionBracket: Maker = (ctx) => {
  const e = entity(ctx);
  const level: Level = e.place.depth === 'area' ? 'city' : e.place.depth;
  const style = ctx.rnd.pick(['short', 'full'] as const);
  const b = companyName(e, { level, style: ctx.rnd.pick(['short', 'full'] as const), position: ctx.rnd.pick(['bracket', 'bracket-mid'] as const) });
  return { a: companyName(e, { level, style }), b, duplicate: true, kind: 'region-bracket' };
};

const regionLevel: Maker = (ctx) => {
  const e = entity(ctx, { place: { ...randomPlace(ctx.rnd), depth: 'area' } });
  const levels: Level[] = ['province', 'city', 'area'];
  const la = ctx.rnd.pick(levels);
  const lb = ctx.rnd.pick(levels);
  const sa = ctx.rnd.pick(STYLES);
  let sb = ctx.rnd.pick(STYLES);
  if (la === lb && sa === sb) sb = sa === 'short' ? 'full' : 'short';
  return { a: companyName(e, { level: la, style: sa }), b: companyName(e, { level: lb, style: sb }), duplicate: true, kind: 'region-level' };
};

const formLtd: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const [fa, fb] = ctx.rnd.chance(0.5) ? ['有限公司', '有限责任公司'] : ['有限责任公司', '有限公司'];
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { form: fa, style }), b: companyName(e, { form: fb, style }), duplicate: true, kind: 'form-ltd' };
};

const formStock: Maker = (ctx) => {
  const e = entity(ctx, { form: '股份有限公司' });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(e, { style, form: '股份公司' }), duplicate: true, kind: 'form-stock' };
};

const traditionalKind: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e, { position: ctx.rnd.pick(['lead', 'bracket'] as const) });
  return { a, b: traditional(a), duplicate: true, kind: 'traditional' };
};

const fullWidthKind: Maker = (ctx) => {
  const latin = ctx.rnd.chance(0.6);
  const e = entity(ctx, latin ? { core: randomLatinCore(ctx.rnd, ctx.used) } : {});
  const a = base(ctx, e, { position: latin ? 'lead' : 'bracket' });
  return { a: halfWidth(a), b: fullWidth(a), duplicate: true, kind: 'full-width' };
};

const bracketKinds: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e, { position: 'bracket' });
  return { a, b: otherBrackets(ctx.rnd, a), duplicate: true, kind: 'bracket-kinds' };
};

const spaces: Maker = (ctx) => {
  const e = entity(ctx);
  const a = base(ctx, e);
  return { a, b: sprinkleSpaces(ctx.rnd, a), duplicate: true, kind: 'spaces-punctuation' };
};

const latinCase: Maker = (ctx) => {
  const e = entity(ctx, { core: randomLatinCore(ctx.rnd, ctx.used) });
  const a = base(ctx, e);
  let b = flipCase(ctx.rnd, a);
  if (b === a) b = a.toLowerCase();
  return { a, b: ctx.rnd.chance(0.3) ? sprinkleSpaces(ctx.rnd, b) : b, duplicate: true, kind: 'latin-case' };
};

const sameUsccRenamed: Maker = (ctx) => {
  const e = entity(ctx);
  const renamed = { ...e, core: randomCore(ctx.rnd, ctx.used), industry: ctx.rnd.chance(0.5) ? e.industry : entity(ctx).industry };
  const typed = ctx.rnd.pick([e.uscc, e.uscc.toLowerCase(), `${e.uscc.slice(0, 2)} ${e.uscc.slice(2, 8)} ${e.uscc.slice(8)}`, fullWidth(e.uscc)]);
  return { a: base(ctx, e), b: base(ctx, renamed), duplicate: true, kind: 'same-uscc-renamed', aUscc: e.uscc, bUscc: typed };
};

const sameMobile: Maker = (ctx) => {
  const e = entity(ctx);
  const other = ctx.rnd.chance(0.5) ? e.core : randomCore(ctx.rnd, ctx.used);
  const b = ctx.rnd.chance(0.5) ? other : companyName({ ...e, core: other }, { position: 'none', industry: '' });
  return { a: base(ctx, e), b, duplicate: true, kind: 'same-mobile-format', aPhone: e.mobile, bPhone: mobileFormat(ctx.rnd, e.mobile) };
};

const combined: Maker = (ctx) => {
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

const regionOmitted: Maker = (ctx) => {
  const e = entity(ctx);
  return { a: base(ctx, e), b: companyName(e, { position: 'none' }), duplicate: true, kind: 'region-omitted' };
};

const bareBrand: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  return { a: base(ctx, e), b: e.core, duplicate: true, kind: 'bare-brand' };
};

const typo: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(e, { style, core: swapOne(ctx, e.core) }), duplicate: true, kind: 'typo-one-char' };
};

const sameBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const where = randomPlace(ctx.rnd);
  const city = where.city?.name ?? where.province.name;
  const a = base(ctx, e, { branch: `${city.replace(/市$/, '')}分公司` });
  const b = base(ctx, e, { branch: `${city}分公司`, form: ctx.rnd.pick(['有限公司', '有限责任公司']) });
  return { a, b, duplicate: true, kind: 'branch-same' };
};

// ---- negatives ---------------------------------------------------------------------------------

const diffCore: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { place: e.place, industry: e.industry, form: e.form });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(f, { style }), duplicate: false, kind: 'neg-diff-core-same-region-industry' };
};

const oneCharShort: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 2) });
  const f = { ...e, core: swapOne(ctx, e.core), uscc: randomUscc(ctx.rnd, e.place.area.code) };
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-one-char-2' };
};

const swapShort: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 2) });
  const swapped = [...e.core].reverse().join('');
  ctx.used.add(swapped);
  return { a: base(ctx, e), b: base(ctx, { ...e, core: swapped }), duplicate: false, kind: 'neg-swap-2' };
};

const oneCharLong: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 3 + ctx.rnd.int(2)) });
  const style = ctx.rnd.pick(['short', 'full'] as const);
  const f = { ...e, core: swapOne(ctx, e.core), form: ctx.rnd.chance(0.5) ? e.form : '有限公司' };
  return { a: companyName(e, { style }), b: companyName(f, { style }), duplicate: false, kind: 'neg-one-char-3plus' };
};

const genericCore: Maker = (ctx) => {
  const core = ctx.rnd.pick(GENERIC_CORES);
  const e = entity(ctx, { core });
  const f = ctx.rnd.chance(0.5) ? entity(ctx, { core, industry: e.industry }) : entity(ctx, { core, place: e.place });
  if (f.industry === e.industry && f.place.area.code.slice(0, 4) === e.place.area.code.slice(0, 4)) f.industry = e.industry === '贸易' ? '物流' : '贸易';
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-generic-core' };
};

const usccOneChar: Maker = (ctx) => {
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

const invalidMobile: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx);
  const phone = ctx.rnd.pick(['12345678901', '123-4567-8901', '15412345678', '10000000000']);
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-invalid-mobile', aPhone: phone, bPhone: phone };
};

const unrelated: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx);
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-unrelated' };
};

// ---- related: different entities of one family (expected 疑似) ------------------------------------

const parentBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: ctx.rnd.pick(['有限公司', '股份有限公司']) });
  const a = base(ctx, e);
  const b = base(ctx, e, { branch: branchDescriptor(ctx) });
  return ctx.rnd.chance(0.5)
    ? { a, b, duplicate: false, related: true, kind: 'rel-parent-branch' }
    : { a: b, b: a, duplicate: false, related: true, kind: 'rel-parent-branch' };
};

const branchBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const da = branchDescriptor(ctx);
  let db = branchDescriptor(ctx);
  while (db.replace(/市/g, '') === da.replace(/市/g, '')) db = branchDescriptor(ctx);
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style, branch: da }), b: companyName(e, { style, branch: db }), duplicate: false, related: true, kind: 'rel-branch-branch' };
};

const sameCoreOtherRegion: Maker = (ctx) => {
  const e = entity(ctx);
  let other = randomPlace(ctx.rnd);
  while (other.province.code === e.place.province.code) other = randomPlace(ctx.rnd);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form, place: other });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-same-core-other-region' };
};

/** A national-level company (no region in its name) and its regional subsidiary (上海华为技术 / 华为技术). */
const nationalVsRegional: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form });
  return { a: companyName(e, { position: 'none' }), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-national-vs-regional' };
};

const sister: Maker = (ctx) => {
  const [ia, ib] = ctx.rnd.pick(SISTER_INDUSTRIES);
  const e = entity(ctx, { industry: ia });
  const f = entity(ctx, { core: e.core, place: e.place, industry: ib });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-sister-industry' };
};

const groupVsMember: Maker = (ctx) => {
  const e = entity(ctx, { form: '集团有限公司', industry: '' });
  const f = entity(ctx, { core: e.core, place: e.place, form: '有限公司', industry: '' });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-group-member' };
};

const sameNameDistinctUscc: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form, place: e.place });
  return { a: base(ctx, e), b: companyName(f, { position: 'none' }), duplicate: false, related: true, kind: 'rel-same-core-distinct-uscc', aUscc: e.uscc, bUscc: f.uscc };
};

const sharedContact: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: ctx.rnd.chance(0.5) ? e.core : randomCore(ctx.rnd, ctx.used), mobile: e.mobile, place: e.place });
  if (f.core === e.core && f.industry === e.industry) f.industry = e.industry === '贸易' ? '物流' : '贸易';
  return {
    a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-shared-contact-distinct-uscc',
    aUscc: e.uscc, bUscc: f.uscc, aPhone: e.mobile, bPhone: mobileFormat(ctx.rnd, f.mobile),
  };
};

/** [maker, how many]: the composition of the generated set. */
export const RECIPE: readonly (readonly [Maker, number])[] = [
  [regionBracket, 40], [regionLevel, 45], [formLtd, 30], [formStock, 25], [traditionalKind, 30], [fullWidthKind, 30],
  [bracketKinds, 20], [spaces, 25], [latinCase, 25], [sameUsccRenamed, 35], [sameMobile, 45], [combined, 45],
  [regionOmitted, 25], [bareBrand, 20], [typo, 20], [sameBranch, 15],
  [diffCore, 70], [oneCharShort, 40], [swapShort, 25], [oneCharLong, 25], [genericCore, 30], [usccOneChar, 25],
  [invalidMobile, 15], [unrelated, 20],
  [parentBranch, 40], [branchBranch, 20], [sameCoreOtherRegion, 35], [nationalVsRegional, 15], [sister, 30], [groupVsMember, 10],
  [sameNameDistinctUscc, 15], [sharedContact, 10],
];

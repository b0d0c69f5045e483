import { randomCore, randomPlace } from './entities';
import { base, branchDescriptor, entity, type Maker } from './pair';
import { companyName, mobileFormat } from './render';
import { SISTER_INDUSTRIES } from './vocabulary';


export const parentBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: ctx.rnd.pick(['有限公司', '股份有限公司']) });
  const a = base(ctx, e);
  const b = base(ctx, e, { branch: branchDescriptor(ctx) });
  return ctx.rnd.chance(0.5)
    ? { a, b, duplicate: false, related: true, kind: 'rel-parent-branch' }
    : { a: b, b: a, duplicate: false, related: true, kind: 'rel-parent-branch' };
};

export const branchBranch: Maker = (ctx) => {
  const e = entity(ctx, { form: '有限公司' });
  const da = branchDescriptor(ctx);
  let db = branchDescriptor(ctx);
  while (db.replace(/市/g, '') === da.replace(/市/g, '')) db = branchDescriptor(ctx);
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style, branch: da }), b: companyName(e, { style, branch: db }), duplicate: false, related: true, kind: 'rel-branch-branch' };
};

export const sameCoreOtherRegion: Maker = (ctx) => {
  const e = entity(ctx);
  let other = randomPlace(ctx.rnd);
  while (other.province.code === e.place.province.code) other = randomPlace(ctx.rnd);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form, place: other });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-same-core-other-region' };
};

/** A national-level company (no region in its name) and its regional subsidiary (上海华为技术 / 华为技术). */
export const nationalVsRegional: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form });
  return { a: companyName(e, { position: 'none' }), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-national-vs-regional' };
};

export const sister: Maker = (ctx) => {
  const [ia, ib] = ctx.rnd.pick(SISTER_INDUSTRIES);
  const e = entity(ctx, { industry: ia });
  const f = entity(ctx, { core: e.core, place: e.place, industry: ib });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-sister-industry' };
};

export const groupVsMember: Maker = (ctx) => {
  const e = entity(ctx, { form: '集团有限公司', industry: '' });
  const f = entity(ctx, { core: e.core, place: e.place, form: '有限公司', industry: '' });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-group-member' };
};

export const sameNameDistinctUscc: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: e.core, industry: e.industry, form: e.form, place: e.place });
  return { a: base(ctx, e), b: companyName(f, { position: 'none' }), duplicate: false, related: true, kind: 'rel-same-core-distinct-uscc', aUscc: e.uscc, bUscc: f.uscc };
};

export const sharedContact: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: ctx.rnd.chance(0.5) ? e.core : randomCore(ctx.rnd, ctx.used), mobile: e.mobile, place: e.place });
  if (f.core === e.core && f.industry === e.industry) f.industry = e.industry === '贸易' ? '物流' : '贸易';
  return {
    a: base(ctx, e), b: base(ctx, f), duplicate: false, related: true, kind: 'rel-shared-contact-distinct-uscc',
    aUscc: e.uscc, bUscc: f.uscc, aPhone: e.mobile, bPhone: mobileFormat(ctx.rnd, f.mobile),
  };
};

/** [maker, how many]: the composition of the generated set. */

/**
 * Two companies of one place and trade whose two-character 字号 are each other swapped (图诺 / 诺图):
 * 疑似 by design (a swap is as often a typing slip), hence in the related suite. Drawn in RECIPE's
 * order (it was the hard negative neg-swap-2 there) and written to related-pairs.jsonl.
 */
export const swapShort: Maker = (ctx) => {
  const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 2) });
  const swapped = [...e.core].reverse().join('');
  ctx.used.add(swapped);
  return { a: base(ctx, e), b: base(ctx, { ...e, core: swapped }), duplicate: false, related: true, kind: 'rel-swap-2' };
};

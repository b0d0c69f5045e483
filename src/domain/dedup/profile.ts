import type { AltReading, BranchPart, CustomerIdentity, FormClass, ParsedName, RegionRef } from './types';
import { regionCode } from './regions';

/*
 * A customer's dedup profile: its parsed name and identifiers, stored with the index so that a
 * check compares candidates without parsing their names again (parsing costs 10-50 µs a name; a
 * check may score dozens of candidates). Positional JSON arrays keep a profile at ~170 bytes with
 * a mobile and a credit code (named JSON would be ~350):
 *
 *   [raw, normalized | 0 (same as raw), core, industry | 0, form | 0, group 0/1, region | 0,
 *    branch | 0, bracketNote | 0, alternatives, uscc | 0, mobile | 0, landline | 0, pinyin | 0,
 *    regionLoose 0/1]
 *   region = [name, codes, national 0/1]   form = [name, cls]
 *   branch = [text, kind, key, region | 0] alternative = [kind, word, core, region | 0]
 *
 * decodeProfile(encodeProfile(x)) deep-equals x (tested over the labelled names). Change this
 * format or the parser, and bump DEDUP_INDEX_VERSION (keys.ts) so every profile is rewritten.
 */

type Region = [string, string[], 0 | 1];
type Form = [string, FormClass];
type Branch = [string, string, string, Region | 0];
type Alt = [AltReading['kind'], string, string, Region | 0];
type Encoded = [string, string | 0, string, string | 0, Form | 0, 0 | 1, Region | 0, Branch | 0, string | 0, Alt[], string | 0, string | 0, string | 0, string | 0, 0 | 1];

const region = (r: RegionRef | undefined): Region | 0 => (r ? [r.name, [...r.codes], r.national ? 1 : 0] : 0);

function regionRef(r: Region | 0): RegionRef | undefined {
  if (r === 0) return undefined;
  const ref: RegionRef = { name: r[0], codes: r[1] };
  if (r[2] === 1) ref.national = true;
  return ref;
}

export function encodeProfile(id: CustomerIdentity): string {
  const p = id.name;
  const branch: Branch | 0 = p.branch ? [p.branch.text, p.branch.kind, p.branch.key, region(p.branch.region)] : 0;
  const alts: Alt[] = p.alternatives.map((a) => [a.kind, a.word, a.core, region(a.region)]);
  const e: Encoded = [
    p.raw, p.normalized === p.raw ? 0 : p.normalized, p.core, p.industry ?? 0, p.form ? [p.form.name, p.form.cls] : 0, p.group ? 1 : 0,
    region(p.regionRef), branch, p.bracketNote ?? 0, alts, id.uscc ?? 0, id.mobile ?? 0, id.landline ?? 0, p.pinyin ?? 0,
    p.regionLoose ? 1 : 0,
  ];
  return JSON.stringify(e);
}

export function decodeProfile(text: string): CustomerIdentity {
  const [raw, normalized, core, industry, form, group, reg, branch, note, alts, uscc, mobile, landline, sound, loose] = JSON.parse(text) as Encoded;
  const name: ParsedName = {
    raw,
    normalized: normalized === 0 ? raw : normalized,
    core,
    alternatives: alts.map(([kind, word, altCore, r]) => {
      const alt: AltReading = { kind, word, core: altCore };
      const ref = regionRef(r);
      if (ref) alt.region = ref;
      return alt;
    }),
    group: group === 1,
  };
  const ref = regionRef(reg);
  if (ref) {
    name.region = ref.name;
    name.regionRef = ref;
    const code = regionCode(ref);
    if (code) name.regionCode = code;
    if (loose === 1) name.regionLoose = true;
  }
  if (industry !== 0) name.industry = industry;
  if (form !== 0) name.form = { name: form[0], cls: form[1] };
  if (branch !== 0) {
    const b: BranchPart = { text: branch[0], kind: branch[1], key: branch[2] };
    const br = regionRef(branch[3]);
    if (br) b.region = br;
    name.branch = b;
  }
  if (note !== 0) name.bracketNote = note;
  if (sound) name.pinyin = sound;
  const id: CustomerIdentity = { name };
  if (uscc !== 0) id.uscc = uscc;
  if (mobile !== 0) id.mobile = mobile;
  if (landline !== 0) id.landline = landline;
  return id;
}

// Shapes shared by the dedup engine. Everything here is plain data: the engine is pure.

/** A recognised administrative division (or the whole country, for 中国 / (中国)). */
export interface RegionRef {
  /** Canonical full path, e.g. 北京市海淀区, 广东省深圳市, 中国. */
  name: string;
  /**
   * GB/T 2260 codes of the deepest level, trimmed to the level (11, 4403, 110108).
   * Several codes when a bare full name is shared (朝阳区 is in 北京 and 长春); [] for 中国.
   */
  codes: readonly string[];
  /** True for 中国 / (中国): it names no particular place, so it counts as "no region". */
  national?: boolean;
}

export type FormClass = 'company' | 'partnership' | 'sole' | 'coop' | 'other';

export interface OrgForm {
  /** Canonical wording: 有限公司 for 有限责任公司, 股份有限公司 for 股份公司 … */
  name: string;
  cls: FormClass;
}

export interface BranchPart {
  /** As written after normalisation, e.g. 上海分公司, 第2分店. */
  text: string;
  /** 分公司, 办事处, 分店 … (the kind decides what the reason says). */
  kind: string;
  /** Identity of the branch under its parent: same key = same branch. */
  key: string;
  region?: RegionRef;
}

export interface AltReading {
  /**
   * 'strip': the word leaves the 字号 — a place word (中山恒星 → 恒星), a one-character shop ending
   * with no trade word before it (向敏店 → 向敏), or the place before a trade-word 字号 (福州轻工 →
   * 轻工 of 福州); 'keep': a place word joins it (朝阳恒星).
   */
  kind: 'strip' | 'keep';
  /** The place word itself. */
  word: string;
  core: string;
  /** The region under this reading. */
  region?: RegionRef;
}

export interface ParsedName {
  raw: string;
  normalized: string;
  /** Region of the (parent) company, leading or bracketed. */
  region?: string;
  /** Deepest unambiguous division code of `region`. */
  regionCode?: string;
  regionRef?: RegionRef;
  /**
   * The region was read from a county's short form at the start of the name (江油…, 会昌…): a
   * place, but one that may name the county where the company sits or a company of the city above
   * it, so a nested region on the other side makes 疑似, not 重复.
   */
  regionLoose?: boolean;
  /** 字号: what tells this company apart. Never empty for a non-empty name. */
  core: string;
  /**
   * Other readings when a place word could be part of the 字号 (中山恒星: 字号 中山恒星, or
   * 中山市 + 恒星; 北京朝阳恒星: 北京市朝阳区 + 恒星, or 北京 + 朝阳恒星). Matched, only ever to 疑似.
   */
  alternatives: readonly AltReading[];
  /** How the 字号 sounds: toneless syllables, space-separated (云启, 芸启, Yunqi → "yun qi"); see pinyin.ts. */
  pinyin?: string;
  /** Trailing industry words (科技, 网络技术 …), concatenated. */
  industry?: string;
  form?: OrgForm;
  /** 集团 appears (as suffix or (集团)). */
  group: boolean;
  branch?: BranchPart;
  /** Bracket contents that are neither a region nor a form, e.g. 筹. */
  bracketNote?: string;
}

export interface CustomerIdentity {
  name: ParsedName;
  /** Normalized USCC (see checkUscc); only pass codes whose format is ok. */
  uscc?: string;
  /** E.164 mainland mobile (see normalizeMobile). */
  mobile?: string;
  /** E.164 landline; a secondary contact, weaker evidence than a mobile. */
  landline?: string;
}

export type Tier = 'duplicate' | 'suspect' | 'none';

/** How `a` relates to `b`: 'branch' = a is a branch of b; 'parent' = a is b's parent. */
export type Relation = 'same' | 'branch' | 'parent' | 'sister' | 'similar';

export interface CompareResult {
  tier: Tier;
  /** Plain Chinese, most decisive first; shown to the user and on the approver's card. */
  reasons: string[];
  relation?: Relation;
  /** 0..1, for ranking the closest existing names; 1 for identifiers. */
  score: number;
}

import type { Maker } from './pair';
import * as N from './negatives';
import * as P from './positives';
import * as R from './related';
import * as L from './lookalike';

/**
 * [maker, how many]: the evaluation set (pairs.jsonl), order matters for the seed. It holds every
 * same-customer variant, the hard negatives, and a sample of related companies counted as
 * negatives (in a real stream of registrations they are a minority). The full related suite is
 * RELATED_RECIPE (related-pairs.jsonl): every one of those must be 疑似, never 重复. Pairs of the
 * kinds in TO_RELATED_SUITE are drawn here, so that the pairs after them stay as they were, and
 * written to related-pairs.jsonl instead (generate-pairs.ts).
 */
export const RECIPE: readonly (readonly [Maker, number])[] = [
  [P.regionBracket, 40], [P.regionLevel, 45], [P.formLtd, 30], [P.formStock, 25], [P.traditionalKind, 30],
  [P.fullWidthKind, 30], [P.bracketKinds, 20], [P.spaces, 25], [P.latinCase, 25], [P.sameUsccRenamed, 35],
  [P.sameMobile, 45], [P.combined, 45], [P.regionOmitted, 25], [P.bareBrand, 20], [P.typo, 20], [P.sameBranch, 15],
  [N.diffCore, 70], [N.oneCharShort, 40], [R.swapShort, 25], [N.oneCharLong, 25], [N.genericCore, 30],
  [N.usccOneChar, 25], [N.invalidMobile, 15], [N.unrelated, 20],
  [R.parentBranch, 8], [R.sameCoreOtherRegion, 8], [R.sister, 5], [R.nationalVsRegional, 3], [R.groupVsMember, 3],
  [R.sameNameDistinctUscc, 3],
];

/** Related by design, drawn in RECIPE: two-character 字号 swapped (图诺 / 诺图), 疑似 since the swap rule. */
export const TO_RELATED_SUITE: ReadonlySet<string> = new Set(['rel-swap-2']);

export const RELATED_RECIPE: readonly (readonly [Maker, number])[] = [
  [R.parentBranch, 40], [R.branchBranch, 20], [R.sameCoreOtherRegion, 35], [R.nationalVsRegional, 15], [R.sister, 30],
  [R.groupVsMember, 10], [R.sameNameDistinctUscc, 15], [R.sharedContact, 10],
];

/**
 * Look-alike 字号 (issue 11): appended to pairs.jsonl after everything above, from a seed of its
 * own, so that the pairs before them stay as they were.
 */
export const LOOKALIKE_RECIPE: readonly (readonly [Maker, number])[] = [
  [L.homophonePositive, 30], [L.pinyinTyped, 25], [L.englishPositive, 30], [L.districtForCity, 25],
  [L.homophoneOtherTrade, 25], [L.homophoneOtherProvince, 25], [L.commonSound, 20], [L.pinyinOtherTrade, 15], [L.englishOtherProvince, 15],
  [L.swapPositive, 10],
];

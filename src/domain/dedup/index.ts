// 查重 engine: pure functions, no DB, no clock. The index (keys → registrations) lives elsewhere.
export type {
  AltReading,
  BranchPart,
  CompareResult,
  CustomerIdentity,
  FormClass,
  OrgForm,
  ParsedName,
  RegionRef,
  Relation,
  Tier,
} from './types';
export { normalizeCompanyName } from './normalize';
export { parseCompanyName } from './parse';
export { compareRegions, leadingRegions, wholeRegion, type RegionRelation } from './regions';
export { checkUscc, normalizeUscc, usccCheckChar, type UsccCheck } from './uscc';
export {
  maskMobile,
  normalizeLandline,
  normalizeMobile,
  type LandlineError,
  type LandlineResult,
  type LandlineType,
  type MobileError,
  type MobileResult,
} from './phone';
export { compareCustomers } from './compare';
export {
  DEDUP_INDEX_VERSION,
  isLookalikeKey,
  isPreciseKey,
  keyKind,
  lookalikeScope,
  lookupKeys,
  retrievalKeys,
  scopesMeet,
  type KeyIdentifiers,
  type KeyKind,
  type LookalikeScope,
} from './keys';
export { decodeProfile, encodeProfile } from './profile';
export { identityOf, type IdentityInput, type IdentityIssues } from './identity';

import { RENEWAL_STAGES, type RenewalStage } from '../../../db/schema/authorizations';

export { RENEWAL_STAGES, type RenewalStage };

export const STAGE_ZH: Record<RenewalStage, string> = {
  not_started: '待启动',
  intent: '意向确认',
  quote: '报价',
  contract: '合同',
  seal: '用印',
  paid: '回款',
  lost: '流失',
};

/** The way people type a stage: its Chinese name, a few synonyms, or the code. */
const STAGE_WORDS: Record<string, RenewalStage> = {
  待启动: 'not_started',
  未启动: 'not_started',
  意向确认: 'intent',
  意向: 'intent',
  确认意向: 'intent',
  报价: 'quote',
  合同: 'contract',
  签约: 'contract',
  签合同: 'contract',
  用印: 'seal',
  盖章: 'seal',
  回款: 'paid',
  已回款: 'paid',
  付款: 'paid',
  流失: 'lost',
  放弃: 'lost',
};

/** Progress order; 流失 is not on the line. */
const ORDER: RenewalStage[] = ['not_started', 'intent', 'quote', 'contract', 'seal', 'paid'];

export function parseStage(text: string): RenewalStage | undefined {
  const t = text.trim().toLowerCase();
  return STAGE_WORDS[t] ?? (RENEWAL_STAGES as readonly string[]).find((s) => s === t) as RenewalStage | undefined;
}

/** Position on the line (待启动 = 0 … 回款 = 5); 流失 has none. */
export function stageRank(s: RenewalStage): number {
  return ORDER.indexOf(s);
}

/** True when `s` has reached `target` (a lost renewal has reached nothing further). */
export function reached(s: RenewalStage, target: RenewalStage): boolean {
  return s !== 'lost' && stageRank(s) >= stageRank(target);
}

export function isClosed(s: RenewalStage): boolean {
  return s === 'paid' || s === 'lost';
}

/** The stage names a user may type, in order, for help texts and refusals. */
export const STAGE_CHOICES = [...ORDER.slice(1), 'lost' as const].map((s) => STAGE_ZH[s]).join(' / ');

// Card (platform-neutral) → cardParamMap for the templates in bot-cards/dingtalk/.
// DingTalk's cardParamMap is map<string,string>: every value is a string, and every key is sent
// on every create and update so that a key left out never shows stale content.
// Only `body` is markdown (the template's markdown component): the bold labels are ours, every
// label, value, title and intro inside it is text and escaped. title, subtitle, footer and button
// labels go to text components and stay as typed.
import type { Card, CardButton, CardField } from '../../../bot-cards/card';
import { escapeMarkdownText as text } from '../markdown-text';

/** Button slots in the templates (btn1…btn6); the approval template uses the first two. */
export const BUTTON_SLOTS = 6;

export interface EncodedCard {
  params: Record<string, string>;
  /** Buttons that did not fit into the slots (logged by the caller). */
  dropped: CardButton[];
}

interface SlotButton {
  button: CardButton;
  label: string;
}

function fieldLines(fields: CardField[]): string[] {
  return fields.map((f) => `**${text(f.label)}**：${text(f.value)}`);
}

/** Fields and digest sections as one markdown block; the template shows it in a markdown component. */
export function cardBody(card: Card, intro?: string): string {
  const blocks: string[] = [];
  if (intro?.trim()) blocks.push(text(intro.trim()));
  if (card.fields.length > 0) blocks.push(fieldLines(card.fields).join('  \n'));
  for (const section of card.sections ?? []) {
    blocks.push([`**${text(section.title)}**`, ...section.fields.map((f) => `${text(f.label)}：${text(f.value)}`)].join('  \n'));
  }
  return blocks.join('\n\n');
}

function slotButtons(card: Card): SlotButton[] {
  const own = card.buttons.map((button) => ({ button, label: button.label }));
  // A digest's buttons would be ambiguous on their own ("跟进" of which item?).
  const fromSections = (card.sections ?? []).flatMap((s) =>
    s.buttons.map((button) => ({ button, label: `${s.title} · ${button.label}` })),
  );
  return [...own, ...fromSections];
}

export function encodeCard(card: Card, intro?: string): EncodedCard {
  const all = slotButtons(card);
  const slots = all.slice(0, BUTTON_SLOTS);
  const withInput = slots.find((s) => s.button.input)?.button.input;
  const params: Record<string, string> = {
    cardId: card.id,
    kind: card.kind,
    title: card.title,
    subtitle: card.subtitle ?? '',
    tone: card.tone ?? 'info',
    body: cardBody(card, intro),
    footer: card.footer ?? '',
    inputPrompt: withInput?.prompt ?? '',
    inputRequired: String(withInput?.required ?? false),
    buttonCount: String(slots.length),
  };
  for (let i = 0; i < BUTTON_SLOTS; i++) {
    const slot = slots[i];
    const n = i + 1;
    params[`btn${n}Label`] = slot?.label ?? '';
    params[`btn${n}Action`] = slot?.button.action ?? '';
    params[`btn${n}Style`] = slot ? (slot.button.style ?? 'default') : '';
    params[`btn${n}NeedsInput`] = String(Boolean(slot?.button.input));
  }
  return { params, dropped: all.slice(BUTTON_SLOTS).map((s) => s.button) };
}

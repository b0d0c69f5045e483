// Card → WeCom template_card (doc 101032 / 90236). Cards with buttons become button_interaction,
// others text_notice. Limits kept: title ≤ 26 字, subtitle ≤ 30, ≤ 6 horizontal rows (key ≤ 5 字,
// value ≤ 26), sub_title_text ≤ 112, ≤ 6 buttons of ≤ 10 字. What does not fit is not lost: it goes
// into sub_title_text, and what does not fit there into overflowText, posted as markdown beside the card.
// Template card fields are plain text and carry user text as typed; only overflowText is markdown,
// so only there is the text escaped.
import type { Card, CardButton, CardTone } from '../../../../bot-cards/card';
import type { OutboundMention } from '../../types';
import { escapeMarkdownText } from '../../markdown-text';
import { buttonKey } from './card-key';
import { charLength, truncateChars } from './text';

export const CARD_LIMITS = {
  title: 26,
  subtitle: 30,
  rows: 6,
  rowKey: 5,
  rowValue: 26,
  text: 112,
  buttons: 6,
  buttonText: 10,
} as const;

export interface TemplateCardRow {
  type?: 0 | 1 | 3;
  keyname: string;
  value?: string;
  url?: string;
  userid?: string;
}

export interface TemplateCardButton {
  text: string;
  style?: number;
  key: string;
}

export interface WecomTemplateCard {
  card_type: 'button_interaction' | 'text_notice';
  source?: { desc?: string; desc_color?: 0 | 1 | 2 | 3 };
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: TemplateCardRow[];
  button_list?: TemplateCardButton[];
  card_action?: { type: 0 | 1 | 2; url?: string };
  task_id: string;
}

export interface EncodedCard {
  templateCard: WecomTemplateCard;
  /** Card content that did not fit the template card; send it as markdown with the card. */
  overflowText?: string;
}

export interface EncodeCardOptions {
  taskId: string;
  /** Click target for text_notice cards, which WeCom requires. */
  linkUrl: string;
  mentions?: OutboundMention[];
}

const TONE_COLOR: Record<CardTone, 0 | 1 | 2 | 3> = { info: 0, warning: 2, danger: 2, success: 3 };
// Style numbers per doc 101032's picture: 1 blue (primary), 2 grey outline, 3 red. Unverified by text.
const BUTTON_STYLE = { primary: 1, default: 2, danger: 3 } as const;

export function encodeCard(card: Card, opts: EncodeCardOptions): EncodedCard {
  const lines: string[] = [];
  const rows: TemplateCardRow[] = [];

  const title = truncateChars(card.title, CARD_LIMITS.title);
  if (title !== card.title) lines.push(card.title);
  const subtitle = card.subtitle === undefined ? undefined : truncateChars(card.subtitle, CARD_LIMITS.subtitle);
  if (card.subtitle !== undefined && subtitle !== card.subtitle) lines.push(card.subtitle);

  for (const field of card.fields) {
    const fits =
      rows.length < CARD_LIMITS.rows &&
      charLength(field.label) <= CARD_LIMITS.rowKey &&
      charLength(field.value) <= CARD_LIMITS.rowValue;
    if (fits) rows.push({ keyname: field.label, value: field.value });
    else lines.push(`${field.label}：${field.value}`);
  }

  // A member row (type 3) opens the person's profile: the closest thing to an @ a bot card has.
  const unplaced: OutboundMention[] = [];
  for (const m of opts.mentions ?? []) {
    if (rows.length < CARD_LIMITS.rows && charLength(m.name) <= CARD_LIMITS.rowValue) {
      rows.push({ type: 3, keyname: '提醒', value: m.name, userid: m.platformUserId });
    } else {
      unplaced.push(m);
    }
  }
  if (unplaced.length > 0) lines.push(`提醒：${unplaced.map((m) => `@${m.name}`).join(' ')}`);

  const buttons: { button: CardButton; label: string }[] = card.buttons.map((b) => ({ button: b, label: b.label }));
  (card.sections ?? []).forEach((section, i) => {
    const n = i + 1;
    const details = section.fields.map((f) => `${f.label}：${f.value}`).join('，');
    lines.push(details ? `${n}. ${section.title}（${details}）` : `${n}. ${section.title}`);
    for (const b of section.buttons) buttons.push({ button: b, label: `${n}·${b.label}` });
  });
  if (card.footer) lines.push(card.footer);

  const shown = buttons.slice(0, CARD_LIMITS.buttons);
  const hidden = buttons.slice(CARD_LIMITS.buttons);
  const overflow: string[] = [];
  if (hidden.length > 0) {
    overflow.push(escapeMarkdownText(`卡片最多显示 ${CARD_LIMITS.buttons} 个按钮，未显示：${hidden.map((h) => h.label).join('、')}`));
  }

  const text = lines.join('\n');
  let subTitleText: string | undefined;
  if (text) {
    if (charLength(text) <= CARD_LIMITS.text) {
      subTitleText = text;
    } else {
      subTitleText = truncateChars(text, CARD_LIMITS.text);
      overflow.unshift(`**${escapeMarkdownText(card.title)}**\n${escapeMarkdownText(text)}`);
    }
  }

  const templateCard: WecomTemplateCard = {
    card_type: shown.length > 0 ? 'button_interaction' : 'text_notice',
    source: { desc: 'dealguard', desc_color: TONE_COLOR[card.tone ?? 'info'] },
    main_title: subtitle === undefined ? { title } : { title, desc: subtitle },
    task_id: opts.taskId,
  };
  if (subTitleText) templateCard.sub_title_text = subTitleText;
  if (rows.length > 0) templateCard.horizontal_content_list = rows;
  if (shown.length > 0) {
    const used = new Map<string, number>();
    templateCard.button_list = shown.map(({ button, label }) => {
      const seen = used.get(button.action) ?? 0;
      used.set(button.action, seen + 1);
      const encoded: TemplateCardButton = {
        text: truncateChars(label, CARD_LIMITS.buttonText),
        key: buttonKey({ cardId: card.id, action: button.action }, seen),
      };
      if (button.style) encoded.style = BUTTON_STYLE[button.style];
      return encoded;
    });
  } else {
    templateCard.card_action = { type: 1, url: opts.linkUrl };
  }

  return overflow.length > 0 ? { templateCard, overflowText: overflow.join('\n\n') } : { templateCard };
}

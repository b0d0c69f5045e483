// A platform-neutral card: what the bot wants to show. Each platform encodes it its own way
// (console text, WeCom template_card, DingTalk interactive card).

export type CardTone = 'info' | 'warning' | 'success' | 'danger';

export interface CardField {
  label: string;
  value: string;
}

export interface CardButton {
  /** Action key sent back on click, e.g. "approve", "reject", "followup:12". */
  action: string;
  label: string;
  style?: 'primary' | 'danger' | 'default';
  /** The click needs a line of text (reject reason, extension reason): prompt for it. */
  input?: { prompt: string; required: boolean };
}

export interface CardSection {
  title: string;
  fields: CardField[];
  buttons: CardButton[];
}

export interface Card {
  /** dealguard card id, e.g. "c17". Stable for the card's life; used in :click and platform refs. */
  id: string;
  /** What kind of card: approval, blocked, digest, notice, authorization... (drives templates). */
  kind: string;
  title: string;
  subtitle?: string;
  tone?: CardTone;
  fields: CardField[];
  /** Digest items, each with its own buttons. */
  sections?: CardSection[];
  buttons: CardButton[];
  /** Final state line shown after a decision, e.g. "已通过 · 陈经理 · 11-25 10:30". */
  footer?: string;
}

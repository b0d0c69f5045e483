import type { Card, CardButton } from '../../../bot-cards/card';
import type { OutboundMessage } from '../types';

/** Renders what the bot posts as plain text lines; every button shows the :click line that presses it. */
export function printMessage(header: string, msg: OutboundMessage): string {
  const out: string[] = [header];
  const mentions = (msg.mentions ?? []).map((m) => `@${m.name}`).join(' ');
  if (msg.text || mentions) {
    const text = [mentions, msg.text ?? ''].filter(Boolean).join(' ');
    for (const line of text.split('\n')) out.push(`  ${line}`);
  }
  if (msg.card) out.push(...printCard(msg.card).map((l) => `  ${l}`));
  if (msg.file) out.push(`  📎 文件：${msg.file.name}（${Math.max(1, Math.round(msg.file.content.length / 1024))} KB）`);
  return out.join('\n');
}

function buttonLine(cardId: string, b: CardButton): string {
  const arg = b.input ? ` <${b.input.prompt}>` : '';
  return `[${b.label}]  :click ${cardId} ${b.action}${arg}`;
}

export function printCard(card: Card): string[] {
  const out = [`┌ 卡片 ${card.id} · ${card.title}`];
  if (card.subtitle) out.push(`│ ${card.subtitle}`);
  for (const f of card.fields) out.push(`│ ${f.label}：${f.value}`);
  for (const s of card.sections ?? []) {
    out.push(`│ ▸ ${s.title}`);
    for (const f of s.fields) out.push(`│   ${f.label}：${f.value}`);
    for (const b of s.buttons) out.push(`│   ${buttonLine(card.id, b)}`);
  }
  for (const b of card.buttons) out.push(`│ ${buttonLine(card.id, b)}`);
  if (card.footer) out.push(`│ —— ${card.footer}`);
  out.push('└');
  return out;
}

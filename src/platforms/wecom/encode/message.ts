// OutboundMessage → the ordered WeCom messages that carry it: markdown chunks, the card, then the file.
// The message's text is plain text: it is escaped here (markdownWithMentions) or in encodeCard's
// overflow, once, and never by the caller.
import type { Card } from '../../../../bot-cards/card';
import type { OutboundFile, OutboundMessage } from '../../types';
import { encodeCard, type WecomTemplateCard } from './card';
import { newTaskId } from './card-key';
import { markdownWithMentions, splitByBytes } from './text';

export type Part =
  | { kind: 'markdown'; content: string }
  | { kind: 'card'; card: Card; templateCard: WecomTemplateCard }
  /** Uploaded as temporary media when sent, then posted as a file message. */
  | { kind: 'file'; file: OutboundFile };

export interface PartOptions {
  maxMarkdownBytes: number;
  mentionSyntax: 'name' | 'angle';
  linkUrl: string;
}

export function messageParts(message: OutboundMessage, opts: PartOptions): Part[] {
  const parts: Part[] = [];
  const mentions = message.mentions ?? [];
  const markdown = (content: string) => {
    for (const chunk of splitByBytes(content, opts.maxMarkdownBytes)) {
      if (chunk.trim()) parts.push({ kind: 'markdown', content: chunk });
    }
  };

  const text = message.text?.trim() ? message.text : undefined;
  if (text !== undefined || (mentions.length > 0 && !message.card)) {
    markdown(markdownWithMentions(text?.trim() ?? '', mentions, opts.mentionSyntax));
  }
  if (message.card) {
    const encoded = encodeCard(message.card, {
      taskId: newTaskId(message.card.id),
      linkUrl: opts.linkUrl,
      mentions: text === undefined ? mentions : [],
    });
    if (encoded.overflowText) markdown(encoded.overflowText);
    parts.push({ kind: 'card', card: message.card, templateCard: encoded.templateCard });
  }
  if (message.file) parts.push({ kind: 'file', file: message.file });
  return parts;
}

/** A card part sent again needs a fresh task_id: WeCom refuses a task_id it has seen. */
export function withFreshTaskId(part: Part): Part {
  if (part.kind !== 'card') return part;
  return { ...part, templateCard: { ...part.templateCard, task_id: newTaskId(part.card.id) } };
}

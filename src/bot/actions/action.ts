import type { CardRow } from '../../domain/cards/cards';
import type { CommandContext, Reply } from '../context';

/** A button press on one kind of card. `text` is what the user typed with it (reason, content). */
export type CardActionHandler = (ctx: CommandContext, card: CardRow, action: string, text: string | undefined) => Promise<Reply>;

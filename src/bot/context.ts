import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import type { ChatGroup } from '../domain/org/groups';
import type { ChatRef, MentionedUser, OutboundFile } from '../platforms/types';

/** Everything a command needs about one incoming message: who, where, when, and the services. */
export interface CommandContext {
  actor: Staff;
  chat: ChatRef;
  /** The group, when the message came from one. */
  group?: ChatGroup;
  mentions: MentionedUser[];
  /** The services, bound to this message's unit of work (its transaction). */
  domain: Domain;
  now: Date;
}

/** What a command answers: text, cards (by id) to show, people to @mention, a file to send back. */
export interface Reply {
  text: string;
  /**
   * What a group may be shown instead when `text` or the cards tell more than every member may
   * see (then the asker gets the whole reply privately, see fitReplyToChat).
   */
  publicText?: string;
  cardIds?: number[];
  mentions?: string[];
  file?: OutboundFile;
}

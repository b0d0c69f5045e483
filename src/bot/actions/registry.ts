import type { CardActionHandler } from './action';
import { approvalAction } from './approval-action';
import { blockedAction } from './blocked-action';
import { confirmAction } from './confirm-action';
import { reminderAction } from './reminder-action';

export const CARD_ACTIONS: Record<string, CardActionHandler> = {
  approval: approvalAction,
  blocked: blockedAction,
  confirm_registration: confirmAction,
  reminders: reminderAction,
};

export function registerCardAction(kind: string, handler: CardActionHandler): void {
  CARD_ACTIONS[kind] = handler;
}

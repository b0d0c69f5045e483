// sessionWebhook: the reply address DingTalk attaches to each robot message. No token, no monthly
// quota, and the only robot channel whose `at` really notifies people; valid for a limited time
// (samples: 90 min). We keep the latest one per conversation and fall back to OpenAPI without it.
import type { Clock } from '../../clock/clock';
import { SendError } from '../types';
import { sessionWebhookResponseSchema } from './api-schemas';
import { classifyHttpError, classifyNetworkError } from './errors';

/** Stop using a webhook this long before DingTalk says it expires. */
const EXPIRY_MARGIN_MS = 60_000;
const MAX_CONVERSATIONS = 5_000;

export interface SessionWebhook {
  url: string;
  expiresAt: number;
}

export class SessionWebhooks {
  private readonly byConversation = new Map<string, SessionWebhook>();

  constructor(private readonly clock: Clock) {}

  remember(conversation: string, hook: SessionWebhook): void {
    this.byConversation.delete(conversation);
    this.byConversation.set(conversation, hook);
    if (this.byConversation.size > MAX_CONVERSATIONS) {
      const oldest = this.byConversation.keys().next().value;
      if (oldest !== undefined) this.byConversation.delete(oldest);
    }
  }

  valid(conversation: string): SessionWebhook | undefined {
    const hook = this.byConversation.get(conversation);
    if (!hook) return undefined;
    if (hook.expiresAt - EXPIRY_MARGIN_MS > this.clock.now().getTime()) return hook;
    this.byConversation.delete(conversation);
    return undefined;
  }

  forget(conversation: string): void {
    this.byConversation.delete(conversation);
  }
}

export interface SessionTextBody {
  msgtype: 'text';
  text: { content: string };
  at?: { atUserIds: string[]; isAtAll: false };
}

export async function postSessionWebhook(hook: SessionWebhook, body: SessionTextBody, timeoutMs: number): Promise<void> {
  const what = 'DingTalk sessionWebhook';
  let res: Response;
  try {
    res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw classifyNetworkError(what, error);
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw classifyHttpError(what, res.status, json, res.headers);
  const parsed = sessionWebhookResponseSchema.safeParse(json);
  if (!parsed.success) throw new SendError(`${what}: malformed response`, { retryable: false, code: 'BadResponse' });
  if (parsed.data.errcode !== 0) {
    throw new SendError(`${what}: errcode ${parsed.data.errcode} ${parsed.data.errmsg ?? ''}`.trim(), {
      retryable: true,
      code: `errcode-${parsed.data.errcode}`,
    });
  }
}

// One HTTP exchange with DingTalk, read whatever came back: a network failure becomes a SendError,
// anything else an Answer for the caller to classify (DingTalk's error bodies are JSON, its ban
// and proxy pages are not, and some answers are empty).
import { classifyNetworkError } from './errors';

export interface Answer {
  ok: boolean;
  status: number;
  /** The JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  headers: Headers;
}

export async function fetchAnswer(what: string, url: string, init: RequestInit): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (error) {
    throw classifyNetworkError(what, error);
  }
  const text = await res.text().catch(() => '');
  return { ok: res.ok, status: res.status, body: parseJson(text), headers: res.headers };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

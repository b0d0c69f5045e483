import { AsyncLocalStorage } from 'node:async_hooks';
import type { Disclosure } from '../../domain/org/disclosure';

/**
 * Renderers say what they show (`disclose`) while a delivery path renders a message
 * (`collectDisclosures`); the path then checks it against the readers of the target chat. Outside
 * a collection `disclose` does nothing, so a renderer never needs to know where its text goes.
 *
 * On SQLite, renders that await storage run one unit of work at a time (see
 * collectDisclosuresAsync), so a plain stack is enough. (AsyncLocalStorage also carries the
 * collection across awaits, but once used it makes every promise in the process slower: the bot
 * path measured ~10 % fewer registrations per second with it.)
 */
const stack: Disclosure[][] = [];

/**
 * On PostgreSQL, units of work of one process run concurrently (a pool, no process-wide lock), so
 * collections interleave across awaits and only AsyncLocalStorage can tell whose render a
 * `disclose` belongs to. Its cost (every promise slower) is paid there only; the store that
 * needs it turns it on at start (see src/app/open-store.ts).
 */
let context: AsyncLocalStorage<Disclosure[]> | undefined;

export function collectDisclosuresAcrossConcurrentUnitsOfWork(): void {
  context ??= new AsyncLocalStorage<Disclosure[]>();
}

function current(): Disclosure[] | undefined {
  return context ? context.getStore() : stack[stack.length - 1];
}

export function disclose(...items: Disclosure[]): void {
  current()?.push(...items);
}

/** Runs a synchronous render and returns what it disclosed; nested collections also count for the outer one. */
export function collectDisclosures<T>(render: () => T): { value: T; disclosed: Disclosure[] } {
  const outer = current();
  const disclosed: Disclosure[] = [];
  let value: T;
  if (context) {
    value = context.run(disclosed, render);
  } else {
    stack.push(disclosed);
    try {
      value = render();
    } finally {
      stack.pop();
    }
  }
  outer?.push(...disclosed);
  return { value, disclosed };
}

/**
 * The same around a unit of work that awaits (a command's run). Without AsyncLocalStorage this is
 * sound because the units of work that render run one at a time in a process (SQLite: the
 * store's lock; a render never awaits anything else), so no other collection opens while this
 * one is open; a stray `disclose` from elsewhere in the meantime could only add to what this
 * collection names (a stricter check, never a looser one).
 */
export async function collectDisclosuresAsync<T>(render: () => Promise<T>): Promise<{ value: T; disclosed: Disclosure[] }> {
  const outer = current();
  const disclosed: Disclosure[] = [];
  let value: T;
  if (context) {
    value = await context.run(disclosed, render);
  } else {
    stack.push(disclosed);
    try {
      value = await render();
    } finally {
      stack.splice(stack.lastIndexOf(disclosed), 1);
    }
  }
  outer?.push(...disclosed);
  return { value, disclosed };
}

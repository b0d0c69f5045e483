import { AsyncLocalStorage } from 'node:async_hooks';
import type { Disclosure } from '../../domain/org/disclosure';

/**
 * Renderers say what they show (`disclose`) while a delivery path renders a message
 * (`collectDisclosures`); the path then checks it against the readers of the target chat. Outside
 * a collection `disclose` does nothing, so a renderer never needs to know where its text goes.
 */
const current = new AsyncLocalStorage<Disclosure[]>();

export function disclose(...items: Disclosure[]): void {
  current.getStore()?.push(...items);
}

/** Runs a synchronous render and returns what it disclosed; nested collections also count for the outer one. */
export function collectDisclosures<T>(render: () => T): { value: T; disclosed: Disclosure[] } {
  const disclosed: Disclosure[] = [];
  const value = current.run(disclosed, render);
  current.getStore()?.push(...disclosed);
  return { value, disclosed };
}

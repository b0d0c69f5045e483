import type { Disclosure } from '../../domain/org/disclosure';

/**
 * Renderers say what they show (`disclose`) while a delivery path renders a message
 * (`collectDisclosures`); the path then checks it against the readers of the target chat. Outside
 * a collection `disclose` does nothing, so a renderer never needs to know where its text goes.
 *
 * Rendering is synchronous, so a plain stack is enough. (AsyncLocalStorage would also carry the
 * collection across awaits, but once used it makes every promise in the process slower: the bot
 * path measured ~10 % fewer registrations per second with it.)
 */
const stack: Disclosure[][] = [];

export function disclose(...items: Disclosure[]): void {
  stack[stack.length - 1]?.push(...items);
}

/** Runs a synchronous render and returns what it disclosed; nested collections also count for the outer one. */
export function collectDisclosures<T>(render: () => T): { value: T; disclosed: Disclosure[] } {
  const disclosed: Disclosure[] = [];
  stack.push(disclosed);
  let value: T;
  try {
    value = render();
  } finally {
    stack.pop();
  }
  stack[stack.length - 1]?.push(...disclosed);
  return { value, disclosed };
}

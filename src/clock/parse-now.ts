/** `--now` of the console and `npm run import`: an ISO time, e.g. 2026-11-25T10:00:00+08:00; undefined when unreadable. */
export function parseNow(text: string): Date | undefined {
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export const NOW_EXAMPLE = '2026-11-25T10:00:00+08:00';

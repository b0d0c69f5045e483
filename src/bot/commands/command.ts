import type { z } from 'zod';
import type { Role } from '../../../db/schema';
import type { ArgSpec } from '../parse/bind';
import type { CommandContext, Reply } from '../context';

export type CommandGroup = '客户报备' | '公海' | '审批' | '管理' | '代理授权' | '其他';

/** One command: how it is typed, what it takes, who may use it, and what it does. */
export interface Command<A = Record<string, unknown>> {
  /** Canonical Chinese name, typed as /name. */
  name: string;
  /** Short and English aliases. */
  aliases: string[];
  group: CommandGroup;
  summary: string;
  usage: string;
  examples: string[];
  /** More help lines: optional fields, rules that apply. */
  notes?: string[];
  args: ArgSpec[];
  schema: z.ZodType<A>;
  roles?: readonly Role[];
  /** Runs inside one write transaction (ctx.domain is bound to it): it happens fully or not at all. */
  run(ctx: CommandContext, args: A): Promise<Reply>;
}

export function defineCommand<A>(c: Command<A>): Command<A> {
  return c;
}

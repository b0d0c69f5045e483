import { z } from 'zod';
import { ROLES } from '../../../db/schema';

/** One organisation as loaded from a file or the demo: validated before anything is written. */
export const staffRowSchema = z.object({
  id: z.string().trim().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'id 只能用字母、数字和 _ . @ -'),
  name: z.string().trim().min(1, '姓名不能为空').max(32),
  role: z.enum(ROLES, { message: `角色应为 ${ROLES.join('/')} 或 销售/经理/总监/管理员/代理商` }),
  managerId: z.string().trim().min(1).optional(),
  team: z.string().trim().min(1).optional(),
  region: z.string().trim().default(''),
  dealer: z.string().trim().min(1).optional(),
  active: z.boolean().default(true),
  wecomUserId: z.string().trim().min(1).optional(),
  dingtalkUserId: z.string().trim().min(1).optional(),
});
export type StaffRow = z.infer<typeof staffRowSchema>;

export const groupRowSchema = z.object({
  name: z.string().trim().min(1, '群名不能为空'),
  platform: z.enum(['console', 'wecom', 'dingtalk']).default('console'),
  chatId: z.string().trim().min(1).optional(),
  team: z.string().trim().min(1).optional(),
  members: z.array(z.string().trim().min(1)).default([]),
});
export type GroupRow = z.infer<typeof groupRowSchema>;

export const dealerRowSchema = z.object({
  name: z.string().trim().min(1, '代理商名称不能为空'),
  channelManagerId: z.string().trim().min(1).optional(),
  regions: z.array(z.string().trim().min(1)).default([]),
});
export type DealerRow = z.infer<typeof dealerRowSchema>;

export interface OrgData {
  staff: StaffRow[];
  groups: GroupRow[];
  dealers: DealerRow[];
}

export const ROLE_ALIASES: Record<string, (typeof ROLES)[number]> = {
  销售: 'sales', 经理: 'manager', 总监: 'director', 管理员: 'admin', 代理商: 'partner', 伙伴: 'partner', 渠道: 'partner',
};

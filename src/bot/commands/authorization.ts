import { z } from 'zod';
import { defineCommand } from './command';
import { lines } from '../render/format';
import { createCard } from '../../domain/cards/cards';
import { authorizationServices } from '../../domain/authorization/services';
import { authorizationScope, inScope } from '../../domain/authorization/scope';
import { AUTHORIZATION_CARD, type AuthorizationCardData } from '../render/authorization-card';
import { statusText } from '../render/authorization-format';
import { disclose } from '../render/disclosures';

export const authorizationCommand = defineCommand({
  name: '授权',
  aliases: ['sq', 'authorization', 'auth', 'shouquan'],
  group: '代理授权',
  summary: '查看代理商的授权状态：剩余天数、产品线、区域、续约阶段和负责人',
  usage: '/授权 <代理商名|合同编号>',
  examples: ['/授权 杭州云启', '/授权 HT-2024-001'],
  notes: ['代理商名可以只写一部分；匹配到多份授权时会列出合同编号供选择。', '代理商人员只能查看本公司的授权。'],
  args: [{ name: 'query', keys: ['代理商', '合同', '合同编号', 'query'], rest: true }],
  schema: z.object({
    query: z.string({ message: '缺少代理商名或合同编号，例如 /授权 杭州云启' }).trim().min(1, '缺少代理商名或合同编号').max(80, '代理商名太长'),
  }),
  async run(ctx, a) {
    const d = ctx.domain;
    const s = authorizationServices(d);
    const scope = await authorizationScope(d.dir, ctx.actor);
    const found = (await s.store.find(a.query)).filter((x) => scope.kind !== 'dealer' || inScope(scope, x));
    if (found.length === 0) {
      return { text: `没有找到「${a.query}」的代理授权。可以写代理商名的一部分或合同编号再试，或发送 /到期 查看快到期的授权。` };
    }
    if (found.length > 1) {
      disclose(...found.map((x) => ({ kind: 'authorization' as const, authorizationId: x.id })));
      const rows: string[] = [];
      for (const x of found) rows.push(`/授权 ${x.contractNo}　${x.dealerId} · ${statusText(d, await s.store.view(x))}`);
      return { text: lines(`「${a.query}」匹配到 ${found.length} 份代理授权，请用合同编号查看：`, ...rows) };
    }
    const auth = found[0]!;
    // Where the card may go with the contact's phone is the delivery path's call (authorization_contact).
    const data: AuthorizationCardData = { showContact: inScope(scope, auth) };
    const card = await createCard(d.deps, { kind: AUTHORIZATION_CARD, subjectType: 'authorization', subjectId: auth.id, data: { ...data } });
    return { text: `📄 ${auth.dealerId} 的代理授权：`, cardIds: [card.id] };
  },
});

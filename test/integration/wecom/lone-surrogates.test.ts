// Lone UTF-16 surrogates sent over the long connection ("\ud800" in the JSON frame) never reach the
// database as U+FFFD; whole astral characters do, unchanged.
import { customers } from '../../../db/schema';
import { CHAT, WecomApp, textOf } from '../../support/wecom-app';

describe('lone surrogates in a registration (WeCom)', () => {
  let h: WecomApp;
  beforeAll(async () => {
    h = await WecomApp.start();
  });
  afterAll(() => h?.close());

  const register = async (name: string, mobile: string) => {
    const req = h.say('alice', `/报备 ${name} 张伟 ${mobile}`, { chat: CHAT.east });
    return textOf(await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req));
  };

  it('drops a lone surrogate and keeps 𠮷 and 😀', async () => {
    expect(await register('云启\ud800科技\udc00有限公司', '13812345678')).toContain('已提交报备「云启科技有限公司」');
    expect(await register('𠮷野家😀餐饮有限公司', '13912345678')).toContain('已提交报备「𠮷野家😀餐饮有限公司」');
    const names = h.db.select({ name: customers.name }).from(customers).all().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['云启科技有限公司', '𠮷野家😀餐饮有限公司']));
    expect(names.join('')).not.toContain('\ufffd');
  });
});

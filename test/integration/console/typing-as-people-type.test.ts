import { desc } from 'drizzle-orm';
import { customers, followUps, orders } from '../../../db/schema';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

/** Issue 11.3: what people type on a phone is understood, and stored and shown as written. */
describe('console: typing as people type', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole();
  });
  afterEach(() => h.close());

  const lastCustomer = () => h.db.select().from(customers).orderBy(desc(customers.id)).limit(1).all()[0]!;
  const lastOrderCents = () => h.db.select().from(orders).orderBy(desc(orders.id)).limit(1).all()[0]!.amountCents;

  it('a full-width comma inside 备注=… is part of the note, stored and shown as typed', async () => {
    const out = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678 备注=客户很急，请尽快');
    expect(out).toContain('已提交报备「杭州云启科技有限公司」');
    expect(out).not.toContain('看不懂');
    expect(lastCustomer().note).toBe('客户很急，请尽快');
    const detail = await h.run(':in 私聊\n/客户 杭州云启科技有限公司');
    expect(detail).toContain('备注：客户很急，请尽快');
  });

  it('key=value pairs may still be separated by full-width commas', async () => {
    const out = await h.run('/报备 公司=上海星河数据有限公司，联系人=刘洋，手机=139-1234-5678，备注=先电话，再上门');
    expect(out).toContain('已提交报备「上海星河数据有限公司」');
    expect(lastCustomer()).toMatchObject({ contactName: '刘洋', mobile: '+8613912345678', note: '先电话，再上门' });
  });

  it('a follow-up keeps its full-width punctuation when stored and shown', async () => {
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
    const out = await h.run(':in 私聊\n/跟进 杭州云启 上门拜访，客户关注报价；下周（周三）再约！');
    expect(out).toContain('：上门拜访，客户关注报价；下周（周三）再约！');
    expect(h.db.select().from(followUps).all()[0]!.content).toBe('上门拜访，客户关注报价；下周（周三）再约！');
    const detail = await h.run(':in 私聊\n/客户 杭州云启科技有限公司');
    expect(detail).toContain('李雷：上门拜访，客户关注报价；下周（周三）再约！');
    const keyed = await h.run(':in 私聊\n/跟进 客户=杭州云启 内容=电话沟通，客户要发票 明天回复');
    expect(keyed).toContain('：电话沟通，客户要发票 明天回复');
    const prose = await h.run(':in 私聊\n/跟进 杭州云启 电话回访，客户：下周看演示');
    expect(prose).toContain('已记录「杭州云启科技有限公司」的跟进（2026-11-25 10:00）：电话回访，客户：下周看演示');
  });

  it('手机=+86 138 1234 5678 is accepted exactly like the positional form, and matched by its number', async () => {
    const keyed = await h.run('/报备 杭州云启科技有限公司 张伟 手机=+86 138 1234 5678');
    expect(keyed).toContain('已提交报备「杭州云启科技有限公司」');
    expect(lastCustomer().mobile).toBe('+8613812345678');
    // Normalised for matching, kept as typed for showing.
    expect(lastCustomer().mobileAsTyped).toBe('+86 138 1234 5678');
    expect(await h.run(':in 私聊\n/客户 杭州云启科技有限公司')).toContain('联系人：张伟 +86 138 1234 5678');
    const positional = await h.run('/报备 宁波海晨贸易有限公司 李四 +86 139 0000 1111');
    expect(positional).toContain('已提交报备「宁波海晨贸易有限公司」');
    for (const typed of ['手机=138-1234-5678', '手机=138.1234.5678', '手机：+86 138-1234-5678', '手机=１３８ １２３４ ５６７８']) {
      const out = await h.run(`:as bob\n/报备 绍兴越城鼎盛机械有限公司 王五 ${typed}`);
      expect(out).toContain('已被 李雷 报备');
    }
  });

  it('a landline with an extension is accepted by /报备 and /查重, and matches the company number', async () => {
    const reg = await h.run('/报备 杭州云启达科技有限公司 张伟 13812345678 座机=0571-88886666-8001');
    expect(reg).toContain('已提交报备「杭州云启达科技有限公司」');
    const out = await h.run(':as bob\n/查重 宁波海晨贸易有限公司 座机=0571-88886666 转 8002\n/查重 宁波海晨贸易有限公司 座机=(0571)88886666分机12');
    expect(out.match(/查重结果「宁波海晨贸易有限公司」：\n {2}⚠️ 疑似 杭州云启达科技有限公司（李雷 审批中）— 座机号相同/g)).toHaveLength(2);
    expect(out).not.toContain('格式不对');
    const spaced = await h.run('/报备 宁波海晨贸易有限公司 李四 13900001111 座机=0571-88887777 转 8001');
    expect(spaced).toContain('已提交报备「宁波海晨贸易有限公司」');
    expect(lastCustomer().landline).toBe('+8657188887777;ext=8001');
    expect(lastCustomer().landlineAsTyped).toBe('0571-88887777 转 8001');
  });

  it('reads 成交 amounts however they are written, in 元 unless a unit is given, and says what it recorded', async () => {
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
    const cases: [string, number, string][] = [
      ['￥120,000', 12_000_000, '成交 12 万元'],
      ['¥120000', 12_000_000, '成交 12 万元'],
      ['120000元', 12_000_000, '成交 12 万元'],
      ['12.5万', 12_500_000, '成交 12.5 万元'],
      ['12.5万元', 12_500_000, '成交 12.5 万元'],
      ['1.2亿', 12_000_000_000, '成交 1.2 亿元'],
      ['1,200,000.50', 120_000_050, '金额按 1,200,000.5 元记录'],
      ['１２万', 12_000_000, '成交 12 万元'],
      ['8000', 800_000, '成交 8,000 元'],
    ];
    for (const [typed, cents, said] of cases) {
      const out = await h.run(`:in 私聊\n/成交 杭州云启 ${typed}`);
      expect(out).toContain(said);
      expect(lastOrderCents()).toBe(cents);
    }
  });

  it('refuses an amount it cannot read with a Chinese message and an example', async () => {
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
    for (const typed of ['五十万', '12,5万', '1.2.3', '-5']) {
      const out = await h.run(`:in 私聊\n/成交 杭州云启 ${typed}`);
      expect(out).toContain(`⚠️ 成交金额「${typed}」看不懂。不写单位按元计，例如 12.5万`);
    }
    expect(h.db.select().from(orders).all()).toHaveLength(0);
  });

  it('reads 预算 the same way, in 万元 unless a unit is given', async () => {
    const cases: [string, number][] = [
      ['预算=50', 50],
      ['预算=12.5万', 12.5],
      ['预算=￥120,000', 12],
      ['预算=120000元', 12],
      ['预算=1.2亿', 12_000],
    ];
    const names = ['杭州云启科技有限公司', '宁波海晨贸易有限公司', '绍兴越城鼎盛机械有限公司', '嘉兴南湖远航物流有限公司', '上海星河数据有限公司'];
    for (const [i, [typed, wan]] of cases.entries()) {
      const out = await h.run(`:in 私聊\n/报备 ${names[i]} 张伟 1381234567${i} ${typed} 确认=是`);
      expect(out).toContain(`预算记为 ${wan} 万元`);
      expect(lastCustomer().budgetWan).toBe(wan);
    }
    const bad = await h.run('/报备 南京云起达科技有限公司 王五 13900002222 预算=很多');
    expect(bad).toContain('⚠️ 预算「很多」看不懂。预算不写单位按万元计，例如 预算=50（50 万元）');
  });
});

import ExcelJS from 'exceljs';
import { Random } from '../../dedup/gen/random';

/** Synthetic but valid authorization rows: the shape of a real 代理授权 register. */

export const BENCH_OWNERS = Array.from({ length: 50 }, (_, i) => `bench${i + 1}`);
const REGIONS = ['浙江省', '江苏省', '上海市', '广东省深圳市', '北京市', '四川省成都市', '湖北省武汉市', '山东省青岛市', '福建省厦门市', '浙江省杭州市、浙江省宁波市'];
const PRODUCTS = ['CRM', 'ERP', 'CRM、ERP', 'OA', 'BI、CRM'];
const TIERS = ['金牌', '银牌', '铜牌'];
const DAY = 86_400_000;

export interface BenchAuthorization {
  dealer: string;
  contractNo: string;
  productLines: string;
  regions: string;
  tier: string;
  startsOn: Date;
  endsOn: Date;
  owner: string;
  contact: string;
  phone: string;
}

/** `n` rows over `dealers` dealers, end dates spread from a month ago to two years ahead of `today`. */
export function* benchAuthorizations(n: number, today: Date, seed = 7, dealers = Math.max(100, Math.floor(n / 3))): Generator<BenchAuthorization> {
  const rnd = new Random(seed);
  const base = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (let i = 0; i < n; i++) {
    const endsOn = new Date(base + (rnd.int(760) - 30) * DAY);
    const startsOn = new Date(endsOn.getTime() - 364 * DAY);
    yield {
      dealer: `压测代理商${(i % dealers) + 1}号`,
      contractNo: `BH-${String(i + 1).padStart(7, '0')}`,
      productLines: PRODUCTS[i % PRODUCTS.length]!,
      regions: REGIONS[rnd.int(REGIONS.length)]!,
      tier: TIERS[i % TIERS.length]!,
      startsOn,
      endsOn,
      owner: BENCH_OWNERS[i % BENCH_OWNERS.length]!,
      contact: '张伟',
      phone: `13${String(100_000_000 + ((i * 7919) % 899_999_999)).padStart(9, '0')}`,
    };
  }
}

/** Writes the rows as an xlsx laid out like the import template (dates as real Excel dates). */
export async function writeAuthorizationFile(file: string, n: number, today: Date): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('代理授权');
  ws.columns = ['代理商名称', '合同编号', '授权产品线', '授权区域', '合作等级', '起始日期', '到期日期', '负责人', '关键联系人', '联系电话'].map((h, i) => ({
    header: h,
    ...(i === 5 || i === 6 ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  for (const a of benchAuthorizations(n, today)) {
    ws.addRow([a.dealer, a.contractNo, a.productLines, a.regions, a.tier, a.startsOn, a.endsOn, a.owner, a.contact, a.phone]).commit();
  }
  await wb.commit();
}

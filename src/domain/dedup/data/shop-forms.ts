// 组织形式 of individual businesses (个体工商户) and other organisations that end a name where a
// company writes 有限公司: the shop and venue words of 个体工商户名称 (《个体工商户名称登记管理办法》 lets
// the 组织形式 be 厂、店、馆、部、行、中心、工作室 and the like) plus 合作社 (《农民专业合作社法》) and the
// usual venue words. Written by us from those rules and from the real names in
// test/fixtures/dedup/real-names.jsonl.
//
// 超市, 商城, 市场, 便利店 are kept as trade words (data/trade-words.ts): they say what is sold
// as much as how.
//
// WORD_FORMS end a name after at least two characters of 字号. SINGLE_FORMS (店, 行, 馆 …) are forms
// only right after a trade word (丽道商贸行 = 丽道 + 商贸 + 行; 中国建设银行 is not 建设银 + 行).

export const WORD_FORMS = `
经营部 门市部 门市 营业部 服务部 服务站 服务社 批发部 销售部 维修部 加工部 商行 商店 商社 商号 商铺 店铺 书店 书屋 书社
书城 书局 网店 淘宝店 专卖店 专营店 旗舰店 体验店 小卖部 士多店 水果摊 摊位 专柜 生活馆 体验馆
会馆 展馆 工作室 工作坊 合作社 农民专业合作社 专业合作社 联合社 种植场 养殖场 农场 林场 牧场 渔场 苗圃 游乐场 加工厂
加工坊 加工点 作坊 修理厂 修理部 美容院 美容店 美发店 养生馆 会所 设计院 研究院 研究所 研究中心 设计所 事务所
诊所 门诊部 医院 卫生室 药店 大药房 药房 酒楼 酒家 饭庄 饭馆 餐馆 餐厅 食堂 茶楼 茶庄 茶馆 茶社 茶行 酒坊 酒庄 烟酒店
中心 服务中心
`;

export const SINGLE_FORMS = '店 行 馆 坊 摊 场 厂 部 院 铺 社 所 站 城 楼 屋 吧 园 庄 室 处 号';

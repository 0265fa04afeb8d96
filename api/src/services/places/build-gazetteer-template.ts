import { GAZETTEER_COLUMNS, GAZETTEER_SHEET } from '@wangge/shared/places/gazetteer-sheet';
import { GAZETTEER_KIND_NAMES, GAZETTEER_KINDS } from '@wangge/shared/places/place-names';
import ExcelJS from 'exceljs';

/**
 * The gazetteer's import template (.xlsx): the 地名库 sheet with its header row (名称, 类别, 别名,
 * 经度, 纬度, 来源; the columns as text, so coordinates keep their digits) and an instructions
 * sheet naming every column and the kinds the 类别 column accepts.
 */
export async function buildGazetteerTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'wangge';
  const sheet = workbook.addWorksheet(GAZETTEER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = GAZETTEER_COLUMNS.map((c) => ({
    header: c.zh,
    key: c.key,
    width: c.key === 'name' || c.key === 'aliases' ? 28 : 14,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('填写说明 Instructions');
  help.columns = [{ width: 24 }, { width: 90 }];
  help.addRows([
    ['列 Column', '说明 Notes'],
    ...GAZETTEER_COLUMNS.map((c) => [
      `${c.zh} ${c.en}`,
      'required' in c && c.required ? '必填 required' : '选填 optional',
    ]),
    ['类别 Kind', GAZETTEER_KINDS.map((k) => `${GAZETTEER_KIND_NAMES[k].join('、')} (${k})`).join('；')],
    ['别名 Aliases', '以 、，,；; 或 | 分隔，最多 10 个 (separated by 、，,；; or |, at most 10)'],
    ['经度 纬度', 'WGS-84 十进制度数，须落在某个网格内 (decimal degrees, inside a grid cell)'],
    ['来源 Source', '留空时为文件名 (the file name when empty)'],
    ['', '有任何一行出错时，整个文件都不会导入，并列出全部问题 (one bad row: nothing is imported)'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import {
  SECTIONS,
  T3_COLUMNS,
  T3_NOTE,
  T3_ROWS_HEAD,
  T3_ROWS_OTHER_2021,
  T3_ROWS_TAIL,
  T4_COLUMNS,
} from './common.ts';
import type { ReportFormat } from './types.ts';

/** 国办公开办函〔2021〕30号, reporting years from 2021 (spec §1). */
export const FORMAT_2021: ReportFormat = {
  id: '2021',
  basis: '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》',
  years: [2021, null],
  sections: SECTIONS,
  table2: {
    blocks: [
      {
        key: 'a20_1',
        label: '第二十条第（一）项',
        item: 1,
        columns: [
          { key: 'issued', label: '本年制发件数', valueType: 'count' },
          { key: 'repealed', label: '本年废止件数', valueType: 'count' },
          { key: 'valid', label: '现行有效件数', valueType: 'count' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normativeDocs', label: '行政规范性文件', aliases: ['规范性文件'] },
        ],
      },
      {
        key: 'a20_5',
        label: '第二十条第（五）项',
        item: 5,
        columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
        rows: [{ key: 'licensing', label: '行政许可' }],
      },
      {
        key: 'a20_6',
        label: '第二十条第（六）项',
        item: 6,
        columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
        rows: [
          { key: 'penalty', label: '行政处罚' },
          { key: 'coercion', label: '行政强制' },
        ],
      },
      {
        key: 'a20_8',
        label: '第二十条第（八）项',
        item: 8,
        columns: [
          {
            key: 'amount',
            label: '本年收费金额（单位：万元）',
            aliases: ['本年收费金额（单位：万元，保留4位小数）', '本年收费金额'],
            valueType: 'decimal',
            unit: '万元',
          },
        ],
        rows: [{ key: 'fees', label: '行政事业性收费' }],
      },
    ],
  },
  table3: {
    note: T3_NOTE,
    columns: T3_COLUMNS,
    rows: [...T3_ROWS_HEAD, ...T3_ROWS_OTHER_2021, ...T3_ROWS_TAIL],
  },
  table4: { columns: T4_COLUMNS },
};

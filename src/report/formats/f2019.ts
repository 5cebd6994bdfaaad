import {
  SECTIONS,
  T3_COLUMNS,
  T3_NOTE,
  T3_ROWS_HEAD,
  T3_ROWS_OTHER_2019,
  T3_ROWS_TAIL,
  T4_COLUMNS,
} from './common.ts';
import type { ColumnDef, ReportFormat } from './types.ts';

const ITEMS_COLUMNS: ColumnDef[] = [
  { key: 'prevItems', label: '上一年项目数量', valueType: 'count' },
  { key: 'change', label: '本年增/减', aliases: ['本年增／减', '本年增减'], valueType: 'signed' },
  { key: 'decisions', label: '处理决定数量', valueType: 'count' },
];

/** 国办公开办函〔2019〕60号 格式（试行）, reporting years 2019–2020 (spec §2). */
export const FORMAT_2019: ReportFormat = {
  id: '2019',
  basis: '国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》',
  years: [2019, 2020],
  sections: SECTIONS,
  table2: {
    blocks: [
      {
        key: 'a20_1',
        label: '第二十条第（一）项',
        item: 1,
        columns: [
          { key: 'made', label: '本年新制作数量', valueType: 'count' },
          { key: 'published', label: '本年新公开数量', valueType: 'count' },
          { key: 'total', label: '对外公开总数量', valueType: 'count' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normativeDocs', label: '规范性文件', aliases: ['行政规范性文件'] },
        ],
      },
      {
        key: 'a20_5',
        label: '第二十条第（五）项',
        item: 5,
        columns: ITEMS_COLUMNS,
        rows: [
          { key: 'licensing', label: '行政许可' },
          { key: 'otherServices', label: '其他对外管理服务事项' },
        ],
      },
      {
        key: 'a20_6',
        label: '第二十条第（六）项',
        item: 6,
        columns: ITEMS_COLUMNS,
        rows: [
          { key: 'penalty', label: '行政处罚' },
          { key: 'coercion', label: '行政强制' },
        ],
      },
      {
        key: 'a20_8',
        label: '第二十条第（八）项',
        item: 8,
        columns: ITEMS_COLUMNS.slice(0, 2),
        rows: [{ key: 'fees', label: '行政事业性收费' }],
      },
      {
        key: 'a20_9',
        label: '第二十条第（九）项',
        item: 9,
        columns: [
          { key: 'items', label: '采购项目数量', valueType: 'count' },
          { key: 'amount', label: '采购总金额', valueType: 'decimal' },
        ],
        rows: [{ key: 'procurement', label: '政府集中采购' }],
      },
    ],
  },
  table3: {
    note: T3_NOTE,
    columns: T3_COLUMNS,
    rows: [...T3_ROWS_HEAD, ...T3_ROWS_OTHER_2019, ...T3_ROWS_TAIL],
  },
  table4: { columns: T4_COLUMNS },
};

import { readFileSync } from 'node:fs';
import { parseReportFile } from './src/report/parse/index.ts';
import { closePdfWorkers } from './src/report/parse/pdf.ts';
import { checkReport } from './src/report/rules/index.ts';
for (const f of process.argv.slice(2)) {
  const r = await parseReportFile(readFileSync(f), { filename: f });
  console.log('==', f, r.format, r.year, r.agency, r.title, r.sections.map((s) => s.heading).join('|'));
  console.log(' status', r.table2.status, r.table3.status, r.table4.status);
  for (const d of r.diagnostics) console.log('  diag', d.severity, d.code, d.message);
  for (const x of checkReport(r)) if (x.status === 'fail') console.log('  FAIL', x.severity, x.ruleId, x.message);
}
await closePdfWorkers();

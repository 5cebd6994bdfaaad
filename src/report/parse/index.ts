/** Parsing an annual report from a file's bytes: pick the front end, then recognise. */
export { ReportReadError } from './errors.ts';

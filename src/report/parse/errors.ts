/** An input that cannot be read as an annual report. `message` is Chinese and says what is missing. */
export class ReportReadError extends Error {
  constructor(
    public readonly code:
      | 'empty'
      | 'binary'
      | 'not-a-report'
      | 'encoding'
      | 'format'
      | 'unsupported'
      | 'io'
      // PDF: password-protected, a scan without a text layer, a damaged file, over the time or
      // memory bound
      | 'encrypted'
      | 'no-text-layer'
      | 'corrupt'
      | 'timeout'
      | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'ReportReadError';
  }
}

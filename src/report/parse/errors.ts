/** An input that cannot be read as an annual report. `message` is Chinese and says what is missing. */
export class ReportReadError extends Error {
  constructor(
    public readonly code: 'empty' | 'binary' | 'not-a-report' | 'encoding' | 'format' | 'unsupported' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'ReportReadError';
  }
}

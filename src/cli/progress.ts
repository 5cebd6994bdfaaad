/** A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY. */
export class ProgressBar {
  private readonly enabled: boolean;
  private last = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && total > 1;
  }

  tick(done: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < this.total && now - this.last < 50) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    const name = label.length > 40 ? `…${label.slice(-39)}` : label;
    this.stream.write(
      `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${this.total} ${name}\x1b[K`,
    );
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}

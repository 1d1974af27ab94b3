// Progress for long jobs: a live bar on a terminal, a line every few seconds otherwise (CI logs, pipes),
// and always one final summary line (on stdout, or on stderr for a command whose stdout is data, e.g. --json).
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, extra?: string): void;
  finish(summary: string): void;
}

export function startProgress(label: string, total: number, unit: string, options: { summaryToStderr?: boolean } = {}): Progress {
  const started = Date.now();
  const summarise = (line: string): void => (options.summaryToStderr ? console.error(line) : console.log(line));
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | eta {eta_formatted} {extra}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { rate: 0, extra: '' });
    return {
      update(done, extra = '') {
        const seconds = (Date.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0, extra });
      },
      finish(summary) {
        bar.stop();
        summarise(summary);
      },
    };
  }
  let lastPrint = started;
  return {
    update(done, extra = '') {
      const now = Date.now();
      if (now - lastPrint < 2000) return;
      lastPrint = now;
      const pct = total > 0 ? ((100 * done) / total).toFixed(1) : '?';
      const rate = Math.round(done / ((now - started) / 1000));
      console.error(`${label}: ${done}/${total} ${unit} (${pct}%, ${rate} ${unit}/s) ${extra}`.trimEnd());
    },
    finish(summary) {
      summarise(summary);
    },
  };
}

// Progress for long CLI runs: a cli-progress bar when stderr is a terminal, nothing otherwise
// (logs and pipes get the summary line only).
import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  done: number;
  total: number;
  current?: string;
}

export interface ProgressReporter {
  update(progress: ProgressUpdate): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string): ProgressReporter {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} {current}`,
      barsize: 30,
      // A hidden cursor would stay hidden if Ctrl-C ends the run mid-bar.
      hideCursor: false,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // The bar switches line wrapping off while it draws; Ctrl-C must switch it back on before the
  // process ends, or the terminal is left without wrapping. What was stored stays stored: each
  // article is written in one transaction.
  const onInterrupt = () => {
    bar.stop();
    stream.write('\ninterrupted\n');
    process.exit(130);
  };
  return {
    update({ done, total, current }) {
      const payload = { current: shorten(current ?? '', 60) };
      if (!started) {
        bar.start(total, done, payload);
        started = true;
        process.once('SIGINT', onInterrupt);
        return;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      if (!started) return;
      started = false;
      process.off('SIGINT', onInterrupt);
      bar.stop();
    },
  };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

// Runs `argus ...` as a process of its own, for tests of what servers do: output collected, a wait for a line.
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves once the output includes `text`; rejects after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Its exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(text, timeoutMs = 60_000) {
      for (let waited = 0; !output.includes(text); waited += 100) {
        if (waited >= timeoutMs) throw new Error(`"${text}" not printed within ${timeoutMs} ms: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

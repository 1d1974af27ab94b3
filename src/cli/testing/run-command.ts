// Runs CLI commands in-process for tests: registers them on a fresh program and returns what they printed on
// stdout (console.log lines); stderr (progress, notices) is silenced.
import { Command } from 'commander';

export async function runCommand(register: ReadonlyArray<(program: Command) => void>, args: string[]): Promise<string[]> {
  const program = new Command('argus').exitOverride();
  for (const r of register) r(program);
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (line: string) => lines.push(line);
  console.error = () => {};
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
    console.error = error;
  }
  return lines;
}

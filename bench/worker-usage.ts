// The cluster protocol of the decision bench's HTTP workers, shared by the Argus worker and the bare-HTTP floor:
// `mark` starts the CPU accounting of the timed run; `usage` reports it: the process's CPU (every thread: the event
// loop, writer threads, GC helpers) and the main thread's own CPU (Linux: /proc/self/task/<pid>/stat; the event
// loop's busy time elsewhere, which also counts time the thread waited for a core); `stop` runs `stop` and exits.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const mainThreadCpuMs = (): number | null => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
};

export function answerBenchPrimary(stop: () => Promise<unknown>): void {
  let cpuFrom = process.cpuUsage();
  let eluFrom = performance.eventLoopUtilization();
  let mainFrom = mainThreadCpuMs();
  process.on('message', (msg: { stop?: boolean; mark?: boolean; usage?: boolean }) => {
    if (msg.mark) {
      cpuFrom = process.cpuUsage();
      eluFrom = performance.eventLoopUtilization();
      mainFrom = mainThreadCpuMs();
    }
    if (msg.usage) {
      const cpu = process.cpuUsage(cpuFrom);
      const elu = performance.eventLoopUtilization(eluFrom);
      const main = mainThreadCpuMs();
      const mainThreadMs = main !== null && mainFrom !== null ? main - mainFrom : elu.active;
      process.send?.({ usage: { processCpuMs: (cpu.user + cpu.system) / 1000, mainThreadBusyMs: mainThreadMs } });
    }
    if (msg.stop) void stop().then(() => process.exit(0));
  });
}

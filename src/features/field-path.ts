// Compiled readers of paths inside an event's `data`: "requestedAmount", "applicant.phone", "contacts[].phone".
// A path with `[]` yields every element's value; a missing step yields nothing (never throws).
import type { ScratchList } from './scratch-list.js';

export type PathReader = (data: unknown, out: ScratchList<unknown>) => void;

const STEP = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/;

/** True when every dotted step is an identifier, optionally followed by [] (an array to fan out over). */
export function isValidPath(path: string): boolean {
  return path.length > 0 && path.length <= 200 && path.split('.').every((step) => STEP.test(step));
}

export function pathFansOut(path: string): boolean {
  return path.includes('[]');
}

/** Appends the value(s) at `path` to `out` (undefined and null are skipped). */
export function compilePath(path: string): PathReader {
  const steps = path.split('.').map((step) => ({ key: step.replace('[]', ''), each: step.endsWith('[]') }));
  if (steps.length === 1 && !steps[0].each) {
    const key = steps[0].key;
    return (data, out) => {
      if (data !== null && typeof data === 'object') {
        const v = (data as Record<string, unknown>)[key];
        if (v !== undefined && v !== null) out.push(v);
      }
    };
  }
  if (steps.length === 2 && !steps[0].each && !steps[1].each) {
    const [a, b] = [steps[0].key, steps[1].key];
    return (data, out) => {
      if (data === null || typeof data !== 'object') return;
      const mid = (data as Record<string, unknown>)[a];
      if (mid === null || typeof mid !== 'object') return;
      const v = (mid as Record<string, unknown>)[b];
      if (v !== undefined && v !== null) out.push(v);
    };
  }
  const walk = (node: unknown, i: number, out: ScratchList<unknown>): void => {
    if (node === null || typeof node !== 'object') return;
    const step = steps[i];
    const child = (node as Record<string, unknown>)[step.key];
    if (child === undefined || child === null) return;
    if (step.each) {
      if (!Array.isArray(child)) return;
      for (const item of child) {
        if (i === steps.length - 1) {
          if (item !== undefined && item !== null) out.push(item);
        } else walk(item, i + 1, out);
      }
    } else if (i === steps.length - 1) out.push(child);
    else walk(child, i + 1, out);
  };
  return (data, out) => walk(data, 0, out);
}

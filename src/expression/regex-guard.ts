// Rejects regular expressions that can backtrack exponentially (ReDoS): `string.matches` runs JavaScript's
// backtracking engine on applicant data, so a pattern must be a literal we can vet when the rule is saved.
// Conservative: a repeated group may not itself contain a repetition or an alternation, and backreferences are out.

/** A reason the pattern is unsafe or invalid, or undefined when it may be used. */
export function unsafeRegexReason(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  const groups: { risky: boolean }[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'backreferences are not allowed';
      i += 2;
      continue;
    }
    if (ch === '[') {
      i = skipClass(pattern, i);
      continue;
    }
    if (ch === '(') {
      groups.push({ risky: false });
      i++;
      continue;
    }
    if (ch === ')') {
      const group = groups.pop();
      i++;
      if (group?.risky && isUnboundedQuantifier(pattern, i)) return 'a repeated group contains a repetition or alternation';
      if (group?.risky && groups.length > 0) groups[groups.length - 1].risky = true;
      continue;
    }
    if (ch === '|' || ch === '*' || ch === '+' || ch === '{') {
      if (groups.length > 0) groups[groups.length - 1].risky = true;
    }
    i++;
  }
  return undefined;
}

function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

function isUnboundedQuantifier(pattern: string, at: number): boolean {
  const next = pattern[at];
  if (next === '*' || next === '+') return true;
  if (next === '{') return /^\{\d+,\d*\}/.test(pattern.slice(at)) || /^\{\d{3,}\}/.test(pattern.slice(at));
  return false;
}

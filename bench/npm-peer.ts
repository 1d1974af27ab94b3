// Loads an npm package that a benchmark compares against but Argus does not depend on, installing it (without
// touching package.json or the lockfile) the first time. Peers stay out of the lockfile because some ship
// platform binaries as optional packages that not every registry mirror carries, which breaks `npm ci`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function importNpmPeer<T>(name: string, version: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    console.error(`installing benchmark peer ${name}@${version} (not a dependency of Argus)`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `${name}@${version}`], { cwd: root, stdio: 'inherit' });
    return (await import(name)) as T;
  }
}

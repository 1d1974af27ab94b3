#!/usr/bin/env node
// The `argus` command: runs the TypeScript CLI through tsx's loader (Node 20 cannot run .ts by itself).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

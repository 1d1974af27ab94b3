// Snapshots of the in-memory engine: every tenant's loan links and key states with the log offset they reflect, so
// a restart reads the snapshot and replays only the log after it. Written to a temporary file, fsynced and renamed,
// so a crash mid-write leaves the previous snapshot. A set whose spec changed since (other fingerprint) is not
// restored; the caller rebuilds it from the log.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { RiskError } from '../core/index.js';
import { ByteReader, ByteWriter } from './byte-buffer.js';
import { decodeKeyState, encodeKeyState } from './key-state-codec.js';
import type { FeatureEngine } from './feature-engine.js';

const MAGIC = 'ARGUSFS1';
const FLUSH_BYTES = 8 << 20;

export interface SnapshotSummary {
  readonly offset: number;
  readonly keys: number;
  readonly bytes: number;
}

export function writeSnapshot(path: string, engine: FeatureEngine): SnapshotSummary {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  const out = new ByteWriter();
  const blob = new ByteWriter();
  let bytes = 0;
  let keys = 0;
  const flush = (force: boolean): void => {
    if (!force && out.length < FLUSH_BYTES) return;
    const chunk = out.take(false);
    writeSync(fd, chunk, 0, chunk.length);
    bytes += chunk.length;
    out.reset();
  };
  try {
    out.str(MAGIC);
    out.f64(engine.lastOffset);
    const tenants = engine.tenantNames();
    out.u32(tenants.length);
    for (const name of tenants) {
      const t = engine.tenant(name);
      out.str(name);
      out.u32(t.links.map.size);
      for (const [loan, owner] of t.links.map) {
        out.str(loan);
        out.str(owner);
        flush(false);
      }
      out.u32(t.slots.size);
      for (const [setName, slot] of t.slots) {
        out.str(setName);
        out.str(slot.plan.fingerprint);
        out.u32(slot.plan.entities.length);
        for (const entity of slot.plan.entities) {
          const map = slot.access.maps[entity.index];
          out.str(entity.kind);
          out.u32(map.size);
          for (const [key, state] of map) {
            out.str(key);
            blob.reset();
            encodeKeyState(state, entity, blob);
            out.bytes(blob.take(false));
            keys++;
            flush(false);
          }
        }
      }
    }
    flush(true);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { offset: engine.lastOffset, keys, bytes };
}

export interface RestoreResult {
  readonly offset: number;
  readonly keys: number;
  /** Sets the snapshot could not restore (new or changed since); rebuild them from the log up to `offset`. */
  readonly stale: readonly { readonly tenant: string; readonly set: string }[];
}

/** Loads a snapshot into an engine whose sets are already configured; undefined when there is no snapshot. */
export function readSnapshot(path: string, engine: FeatureEngine): RestoreResult | undefined {
  if (!existsSync(path)) return undefined;
  const input = new ByteReader(readFileSync(path));
  if (input.str() !== MAGIC) throw new RiskError('FEATURE_SNAPSHOT_CORRUPT', `${path} is not a feature snapshot`, { path });
  const offset = input.f64();
  const restored = new Set<string>();
  let keys = 0;
  const tenantCount = input.u32();
  for (let ti = 0; ti < tenantCount; ti++) {
    const tenantName = input.str();
    const t = engine.tenant(tenantName);
    const links = input.u32();
    for (let i = 0; i < links; i++) t.links.link(input.str(), input.str());
    const sets = input.u32();
    for (let si = 0; si < sets; si++) {
      const setName = input.str();
      const fingerprint = input.str();
      const slot = t.slots.get(setName);
      const usable = slot !== undefined && slot.plan.fingerprint === fingerprint;
      const entities = input.u32();
      for (let ei = 0; ei < entities; ei++) {
        const kind = input.str();
        const entity = usable ? slot.plan.entities.find((e) => e.kind === kind) : undefined;
        const count = input.u32();
        for (let k = 0; k < count; k++) {
          const key = input.str();
          const blob = input.bytes();
          if (!entity) continue;
          slot!.access.set(entity.index, key, decodeKeyState(new ByteReader(blob), entity));
          keys++;
        }
      }
      if (usable) restored.add(`${tenantName}\u0000${setName}`);
    }
  }
  engine.lastOffset = offset;
  const stale: { tenant: string; set: string }[] = [];
  for (const tenant of engine.tenantNames()) {
    for (const set of engine.tenant(tenant).slots.keys()) {
      if (!restored.has(`${tenant}\u0000${set}`)) stale.push({ tenant, set });
    }
  }
  return { offset, keys, stale };
}

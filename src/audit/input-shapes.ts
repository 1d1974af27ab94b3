// Feature and graph values at rest: a record stores [shapeId, value, value, ...] instead of {name: value, ...}, and
// each distinct list of names (a "shape": one per flow's inputs, in practice) is stored once, in audit_shapes. The
// names are most of the values' bytes (a demo record: ~830 of its ~3,400 bytes), and every byte of a record is paid
// for on each pass: serialised, copied to the writer thread, masked, written. Read back, the values are objects again.
import { createHash } from 'node:crypto';
import type { InputValues } from '../decision/index.js';

/** Values at rest: the shape's id, then one value per name of the shape, in its order. */
export type EncodedValues = [shapeId: string, ...values: (number | null)[]];

interface Shape {
  readonly id: string;
  readonly names: readonly string[];
  readonly json: string;
}

/**
 * Distinct shapes one encoder will make. Flows give a handful; a reader that leaves out missing names instead of
 * answering null would give a new shape for every pattern of missing values, so past this, values are stored as
 * objects (readable as ever, just larger).
 */
export const MAX_SHAPES = 1024;

/** Turns value objects into EncodedValues, remembering the shapes used until they are taken to be written. */
export class ShapeEncoder {
  /** Known shapes by their first name: a lookup is one map get and a comparison of the (interned) names. */
  private readonly byFirstName = new Map<string, Shape[]>();
  private count = 0;
  /** Shapes used since the last takeUsed. */
  private used = new Set<Shape>();

  /** An object with no names stays as it is ({}). */
  encode(values: InputValues): EncodedValues | InputValues {
    const names = Object.keys(values);
    if (names.length === 0) return values;
    const shape = this.shapeOf(names);
    if (!shape) return values;
    this.used.add(shape);
    // Object.values lists them in the order of Object.keys, in one call: reading each by its name was ~2x the time
    // (a keyed lookup per name). A value left undefined is serialised as null, as `?? null` made it.
    const out = Object.values(values) as unknown[];
    out.unshift(shape.id);
    return out as EncodedValues;
  }

  /**
   * The shapes used since the last call, as [id, names JSON, id, names JSON, ...]. Every batch carries (and writes,
   * INSERT OR IGNORE) the shapes its records use, so a batch whose write failed takes no other batch's shapes with it.
   */
  takeUsed(): string[] {
    const out: string[] = [];
    for (const shape of this.used) out.push(shape.id, shape.json);
    if (out.length > 0) this.used = new Set();
    return out;
  }

  private shapeOf(names: string[]): Shape | null {
    let candidates = this.byFirstName.get(names[0]);
    if (candidates) {
      for (const shape of candidates) if (sameNames(shape.names, names)) return shape;
    } else {
      this.byFirstName.set(names[0], (candidates = []));
    }
    if (this.count >= MAX_SHAPES) return null;
    const json = JSON.stringify(names);
    // A content hash: the same names get the same id in every process and after restarts.
    const shape = { id: `s${createHash('sha256').update(json).digest('base64url').slice(0, 16)}`, names, json };
    candidates.push(shape);
    this.count++;
    return shape;
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The object again from stored values (objects stored before shapes existed come back as they are). */
export function decodeValues(stored: EncodedValues | InputValues, namesOf: (shapeId: string) => readonly string[]): InputValues {
  if (!Array.isArray(stored)) return stored as InputValues;
  const names = namesOf(stored[0]);
  const out: Record<string, number | null> = {};
  for (let i = 0; i < names.length; i++) out[names[i]] = (stored[i + 1] as number | null) ?? null;
  return out;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RiskError } from '../core/index.js';
import type { ArgusEventRecord } from '../store/index.js';
import type { FlowDocument } from './flow-types.js';
import { readDecisionInputs, UNION_RETRY_EVERY, type DecisionInputs } from './input-reading.js';
import { MISSING_INPUTS, type FeatureReader } from './readers.js';
import { mustCompile } from './testing/flow-harness.js';

const event = { id: 'e1', type: 'application.submitted', time: '2025-03-01T00:00:00Z', data: {} } as unknown as ArgusEventRecord;

function reading(id: string, names: string[]) {
  const doc: FlowDocument = {
    id,
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'features', id: 'f', names: names.map((name) => ({ name, as: name.replace('.', '_') })) }, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: 'f' }, { from: 'f', to: 'o' }],
  };
  return mustCompile(doc);
}

/** A reader that rejects `refused` (as a remote store does a name it does not serve), sync or async; counts reads. */
function picky(refused: string, async: boolean) {
  const calls: string[][] = [];
  const reader: FeatureReader = {
    read: (_t, _e, names) => {
      calls.push([...names]);
      const answer = () => {
        if (names.includes(refused)) throw new RiskError('FEATURE_UNKNOWN', `unknown feature ${refused}`);
        return Object.fromEntries(names.map((n) => [n, n.length]));
      };
      return async ? Promise.resolve().then(answer) : answer();
    },
  };
  return { reader, calls };
}

for (const async of [false, true]) {
  const kind = async ? 'async' : 'sync';
  // Compiled per kind: a union that failed is remembered per flow and shadow set.
  const champion = reading('champion', ['a.b', 'c.d']);
  const same = reading('same', ['a.b']);
  const extra = reading('extra', ['a.b', 'new.one']);
  const other = reading('other', ['c.d', 'e.f']);

  test(`${kind}: once the union has failed, decisions read apart at once with the same outcome, and try the union again later`, async () => {
    const { reader, calls } = picky('new.one', async);
    const readers = { features: reader, graph: MISSING_INPUTS };
    // Flows of their own: the memory is per flow and shadow set.
    const flow = reading('remember', ['a.b', 'c.d']);
    const shadows = [reading('remember-extra', ['a.b', 'new.one']), reading('remember-other', ['c.d', 'e.f'])];
    const first = await readDecisionInputs(readers, 't', event, flow, shadows);
    assert.equal(calls.length, 4, 'the union, then apart');
    for (let i = 0; i < UNION_RETRY_EVERY; i++) {
      calls.length = 0;
      assert.deepEqual(await readDecisionInputs(readers, 't', event, flow, shadows), first);
      assert.deepEqual(calls, [['a.b', 'c.d'], ['new.one'], ['e.f']], 'no union read');
    }
    calls.length = 0;
    assert.deepEqual(await readDecisionInputs(readers, 't', event, flow, shadows), first);
    assert.equal(calls.length, 4, 'the union is tried again');
  });

  test(`${kind}: a flow whose own names failed the union keeps failing alone, one read a decision`, async () => {
    const { reader, calls } = picky('c.d', async);
    const readers = { features: reader, graph: MISSING_INPUTS };
    const flow = reading('own-fails', ['a.b', 'c.d']);
    const shadows = [reading('own-fails-same', ['a.b'])];
    await assert.rejects(async () => readDecisionInputs(readers, 't', event, flow, shadows), /unknown feature c\.d/);
    calls.length = 0;
    await assert.rejects(async () => readDecisionInputs(readers, 't', event, flow, shadows), /unknown feature c\.d/);
    assert.deepEqual(calls, [['a.b', 'c.d']]);
  });

  test(`${kind}: read apart after a passing failure, values are those of a union read`, async () => {
    let refuse = true;
    const calls: string[][] = [];
    const reader: FeatureReader = {
      read: (_t, _e, names) => {
        calls.push([...names]);
        const answer = () => {
          if (refuse) throw new RiskError('FEATURE_STORE_DOWN', 'down');
          return Object.fromEntries(names.map((n) => [n, n.length]));
        };
        return async ? Promise.resolve().then(answer) : answer();
      },
    };
    const readers = { features: reader, graph: MISSING_INPUTS };
    const flow = reading('passing', ['a.b']);
    const shadows = [reading('passing-same', ['a.b'])];
    await assert.rejects(async () => readDecisionInputs(readers, 't', event, flow, shadows), /down/);
    refuse = false;
    const read = await readDecisionInputs(readers, 't', event, flow, shadows);
    assert.deepEqual(read, { features: { 'a.b': 3 }, graph: {} }, 'no shadow of its own: as the union would read');
  });

  test(`${kind}: one read of every name when nothing fails; the shadows share it`, async () => {
    const { reader, calls } = picky('nothing', async);
    const read = await readDecisionInputs({ features: reader, graph: MISSING_INPUTS }, 't', event, champion, [extra, other]);
    assert.deepEqual(calls, [['a.b', 'c.d', 'new.one', 'e.f']]);
    assert.equal(read.shadows, undefined);
    assert.equal(read.features['new.one'], 7);
  });

  test(`${kind}: a name only a shadow declares fails that shadow alone, never the flow or another shadow`, async () => {
    const { reader, calls } = picky('new.one', async);
    const read: DecisionInputs = await readDecisionInputs({ features: reader, graph: MISSING_INPUTS }, 't', event, champion, [same, extra, other]);
    assert.deepEqual(read.features, { 'a.b': 3, 'c.d': 3 });
    assert.deepEqual(read.shadows?.[0], { features: read.features, graph: read.graph }, 'nothing of its own: the flow\'s values');
    const failed = read.shadows?.[1] as { failed: { code: string; message: string } };
    assert.equal(failed.failed.code, 'FEATURE_UNKNOWN');
    assert.match(failed.failed.message, /unknown feature new\.one/);
    assert.deepEqual(read.shadows?.[2], { features: { 'a.b': 3, 'c.d': 3, 'e.f': 3 }, graph: read.graph });
    // The union, then the flow's names and each shadow's additions apart.
    assert.deepEqual(calls, [['a.b', 'c.d', 'new.one', 'e.f'], ['a.b', 'c.d'], ['new.one'], ['e.f']]);
  });

  test(`${kind}: a failure of the flow's own names is the decision's, read once when no shadow adds a name`, async () => {
    const { reader, calls } = picky('c.d', async);
    await assert.rejects(async () => readDecisionInputs({ features: reader, graph: MISSING_INPUTS }, 't', event, champion, [same]), /unknown feature c\.d/);
    assert.equal(calls.length, 1);
    await assert.rejects(async () => readDecisionInputs({ features: reader, graph: MISSING_INPUTS }, 't', event, champion, [extra]), /unknown feature c\.d/);
  });
}

test('flows with the same id and version (two tenants, two catalogs) do not share their union of names', async () => {
  const { reader, calls } = picky('nothing', false);
  const readers = { features: reader, graph: MISSING_INPUTS };
  await readDecisionInputs(readers, 'a', event, reading('loans', ['a.b']), [reading('loans2', ['x.y'])]);
  await readDecisionInputs(readers, 'b', event, reading('loans', ['c.d']), [reading('loans2', ['z.z'])]);
  assert.deepEqual(calls, [['a.b', 'x.y'], ['c.d', 'z.z']]);
});

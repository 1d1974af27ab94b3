import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import { flowFormatOf, flowText, parseFlowText } from './flow-text.js';
import { demoFlow } from './demo/demo-installer.js';

/** A hand-written flow: comments, flow maps, a folded multi-line CEL condition. */
const YAML_FLOW = readFileSync(new URL('../../test/fixtures/flows/small-loans.yaml', import.meta.url), 'utf8');

test('a YAML flow document reads as the JSON value it stands for (comments, folded CEL, flow maps)', () => {
  const doc = parseFlowText(YAML_FLOW, 'yaml') as { id: string; nodes: { rules?: { when: string }[] }[] };
  assert.equal(doc.id, 'small-loans');
  assert.equal(doc.nodes[1].rules![0].when, 'amount > 10000 && app.channel != "branch"');
  assert.deepEqual(parseFlowText(flowText(doc, 'yaml'), 'yaml'), doc);
  assert.deepEqual(parseFlowText(flowText(doc, 'json'), 'json'), doc);
  // The demo flow round-trips through YAML unchanged.
  assert.deepEqual(parseFlowText(flowText(demoFlow(), 'yaml'), 'yaml'), demoFlow());
});

test('unreadable documents are coded with where the problem is; YAML cannot build objects or blow up', () => {
  const error = (text: string, format: 'json' | 'yaml') => {
    try {
      parseFlowText(text, format);
    } catch (err) {
      return err as { code: string; details: Record<string, unknown> };
    }
    assert.fail('parsed');
  };
  const duplicate = error('id: a\nid: b\n', 'yaml');
  assert.equal(duplicate.code, 'FLOW_DOCUMENT_UNREADABLE');
  assert.equal(duplicate.details.line, 2);
  assert.equal(riskErrorCode(() => parseFlowText('{"id": ', 'json')), 'FLOW_DOCUMENT_UNREADABLE');
  // Nine levels of nine aliases would expand to 9^9 nodes.
  const laughs = ['a: &a ["lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
  assert.equal(riskErrorCode(() => parseFlowText(laughs, 'yaml')), 'FLOW_DOCUMENT_UNREADABLE');
  // Tags that would make something other than plain data are not in the core schema.
  assert.equal(riskErrorCode(() => parseFlowText('id: !!js/function "function () {}"', 'yaml')), 'FLOW_DOCUMENT_UNREADABLE');
  // Only what a JSON body could carry: no Infinity or NaN (stored as null, they broke every decision), no Dates,
  // Sets, Maps or buffers from the core schema's own tags.
  for (const text of ['baseScore: .inf', 'x: .nan', 'when: !!timestamp 2001-12-14', 'ids: !!set { a, b }', 'x: !!binary aGVsbG8=']) {
    assert.equal(riskErrorCode(() => parseFlowText(text, 'yaml')), 'FLOW_DOCUMENT_UNREADABLE', text);
  }
  // One document; a second one after --- is not silently dropped.
  assert.equal(riskErrorCode(() => parseFlowText('id: a\n---\nid: b\n', 'yaml')), 'FLOW_DOCUMENT_UNREADABLE');
  // Within the alias count, aliases still may not blow a short text up.
  const wide = `a: &a [${Array(2000).fill('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"').join(',')}]\nb: [${Array(45).fill('*a').join(',')}]`;
  assert.equal(riskErrorCode(() => parseFlowText(wide, 'yaml')), 'FLOW_DOCUMENT_UNREADABLE');
});

test('the format follows the file name', () => {
  assert.equal(flowFormatOf('flows/loans.yaml'), 'yaml');
  assert.equal(flowFormatOf('LOANS.YML'), 'yaml');
  assert.equal(flowFormatOf('loans.json'), 'json');
});

// The OpenAPI 3.1 description of the HTTP API, served at GET /openapi.json. Hand-written to match the routes; the
// error codes of each operation are listed in docs (docs/decision.md, docs/api.md).

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
/** Flow documents: JSON, or the same document in YAML (src/decision/flow-text.ts). */
const flowBody = () => ({ content: { 'application/json': { schema: ref('Flow') }, 'application/yaml': { schema: ref('Flow') } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, ...json(schema) });
const errors = {
  '400': ok('invalid request (coded error)', ref('Error')),
  '401': ok('missing or unknown API key', ref('Error')),
  '404': ok('not found', ref('Error')),
};
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });

export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: { title: 'Argus risk decisioning API', version: '1', description: 'Real-time risk decisions for consumer lenders. Every error is `{error: {code, message, details}}`; codes never change meaning.' },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key (also accepted as X-Api-Key); the key selects the tenant' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } } },
        Event: { type: 'object', required: ['id', 'type', 'time', 'data'], properties: { id: { type: 'string' }, type: { type: 'string' }, time: { type: 'string', format: 'date-time' }, data: { type: 'object' } } },
        Reason: { type: 'object', required: ['code', 'node'], properties: { code: { type: 'string' }, node: { type: 'string' }, item: { type: 'string' } } },
        Decision: {
          type: 'object',
          required: ['decisionId', 'outcome', 'reasons', 'latencyMs'],
          properties: {
            decisionId: { type: 'string' }, applicationId: { type: 'string' },
            flow: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } },
            variant: { enum: ['champion', 'challenger', 'latest', 'pinned'] },
            outcome: { enum: ['approve', 'reject', 'review', 'error'] },
            creditLimit: { type: ['number', 'null'] }, price: { type: ['number', 'null'] }, term: { type: ['number', 'null'] },
            reasons: { type: 'array', items: ref('Reason'), description: 'most important first' },
            tags: { type: 'array', items: { type: 'string' } },
            variables: { type: 'object' },
            missing: { type: 'array', items: { type: 'string' }, description: 'variables that were read but had no value' },
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, node: { type: 'string' }, item: { type: 'string' } } },
            latencyMs: { type: 'number' },
            trace: { type: 'array', items: { type: 'object' } },
          },
        },
        Flow: {
          type: 'object', required: ['id', 'nodes', 'edges'], description: 'A flow document (docs/decision.md)',
          properties: {
            id: { type: 'string' }, name: { type: 'string' }, variables: { type: 'object' }, nodes: { type: 'array', items: { type: 'object' } }, edges: { type: 'array', items: { type: 'object' } },
            limits: {
              type: 'object', additionalProperties: false,
              properties: { maxNodes: { type: 'integer', minimum: 1 }, maxDepth: { type: 'integer', minimum: 1 }, timeoutMs: { type: 'number', exclusiveMinimum: 0 } },
            },
            onError: { enum: ['error', 'review'] },
          },
        },
        FlowRef: { type: 'object', required: ['id', 'version'], properties: { id: { type: 'string', minLength: 1 }, version: { type: 'integer', minimum: 1 } } },
        ReleaseSpec: {
          type: 'object', required: ['champion'], description: 'a body of another shape is 400 DECISION_RELEASE_INVALID (details.problems: path and message of each)',
          properties: {
            champion: { oneOf: [{ type: 'integer', minimum: 1 }, ref('FlowRef')] },
            challengers: {
              type: 'array',
              items: { type: 'object', required: ['flow', 'percent'], properties: { flow: { oneOf: [{ type: 'integer', minimum: 1 }, ref('FlowRef')] }, percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 } } },
            },
            shadows: { type: 'array', items: { oneOf: [{ type: 'integer', minimum: 1 }, ref('FlowRef')] } },
            salt: { type: 'string' }, note: { type: 'string' },
          },
        },
        ListEntry: {
          type: 'object', required: ['list', 'entityType', 'value', 'reason'],
          properties: {
            list: { enum: ['black', 'grey', 'white'] }, entityType: { enum: ['person', 'phone', 'device', 'ip', 'card', 'address'] },
            value: { type: 'string', description: 'raw identifier; hashed before storage' }, reason: { type: 'string' }, source: { type: 'string' },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      '/health': { get: { summary: 'liveness and event log head', security: [], responses: { '200': ok('ok') } } },
      '/v1/events': { post: { summary: 'ingest events (JSON, JSON array or NDJSON; ?atomic=true)', requestBody: json({ oneOf: [ref('Event'), { type: 'array', items: ref('Event') }] }), responses: { '201': ok('appended'), ...errors } } },
      '/v1/decide/{flow}': {
        post: {
          summary: 'decide on an application (an application.submitted event, or just its data)',
          parameters: [
            idParam('flow', 'the traffic slot (flow id)'),
            { name: 'trace', in: 'query', schema: { type: 'boolean' }, description: 'include the node-by-node trace' },
            { name: 'append', in: 'query', schema: { type: 'boolean' }, description: 'append the application to the event log (default true)' },
          ],
          requestBody: json({ oneOf: [ref('Event'), { type: 'object', description: 'application.submitted data' }] }),
          responses: { '200': ok('the decision', ref('Decision')), ...errors },
        },
      },
      '/v1/decisions': {
        get: {
          summary: 'audited decisions by time',
          parameters: [
            ...['from', 'to'].map((name) => ({ name, in: 'query', schema: { type: 'string', format: 'date-time' } })),
            { name: 'flow', in: 'query', schema: { type: 'string' } },
            { name: 'outcome', in: 'query', schema: { enum: ['approve', 'reject', 'review', 'error'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100_000, default: 100 } },
            { name: 'shadows', in: 'query', schema: { type: 'boolean' } },
          ],
          responses: { '200': ok('decisions'), '400': errors['400'] },
        },
      },
      '/v1/decisions/{id}': { get: { summary: 'one audit record (identifiers masked)', parameters: [idParam('id', 'decision id')], responses: { '200': ok('audit record'), ...errors } } },
      '/v1/decisions/{id}/replay': { get: { summary: 're-run with recorded inputs and pinned versions', parameters: [idParam('id', 'decision id')], responses: { '200': ok('{identical, recorded, replayed, diff?, note?} — note {code: AUDIT_REPLAY_TIME_DEPENDENT} when the decision was cut off by its time budget, which a replay cannot reproduce'), ...errors } } },
      '/v1/flows': {
        get: { summary: 'flows with their latest version and active release', responses: { '200': ok('flows') } },
        post: { summary: 'save a flow (a new version if it exists); validation collects every problem', requestBody: flowBody(), responses: { '201': ok('{id, version}'), ...errors } },
      },
      '/v1/flows/validate': { post: { summary: 'validate without saving', requestBody: flowBody(), responses: { '200': ok('{valid, problems}') } } },
      '/v1/flows/{id}': {
        get: { summary: 'latest version', parameters: [idParam('id', 'flow id')], responses: { '200': ok('flow version'), ...errors } },
        put: { summary: 'save a new version', parameters: [idParam('id', 'flow id')], requestBody: flowBody(), responses: { '201': ok('{id, version}'), ...errors } },
        delete: { summary: 'archive (versions stay for replay)', parameters: [idParam('id', 'flow id')], responses: { '204': { description: 'archived' }, ...errors } },
      },
      '/v1/flows/{id}/versions': { get: { summary: 'versions', parameters: [idParam('id', 'flow id')], responses: { '200': ok('versions'), ...errors } } },
      '/v1/flows/{id}/versions/{version}': { get: { summary: 'one version', parameters: [idParam('id', 'flow id'), idParam('version', 'version')], responses: { '200': ok('flow version'), ...errors } } },
      '/v1/flows/{id}/releases': {
        get: { summary: 'release history, newest first', parameters: [idParam('id', 'slot')], responses: { '200': ok('releases') } },
        post: { summary: 'release: champion, challengers (percent of applicants by stable hash), shadows', parameters: [idParam('id', 'slot')], requestBody: json(ref('ReleaseSpec')), responses: { '201': ok('release'), ...errors } },
      },
      '/v1/flows/{id}/rollback': { post: { summary: 'release the previous champion again', parameters: [idParam('id', 'slot')], responses: { '201': ok('release'), ...errors } } },
      '/v1/lists': {
        get: {
          summary: 'list entries',
          parameters: [
            ...['list', 'entityType', 'value'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { '200': ok('entries'), '400': errors['400'] },
        },
        post: { summary: 'add entries (one or an array; raw values are hashed)', requestBody: json({ oneOf: [ref('ListEntry'), { type: 'array', items: ref('ListEntry') }] }), responses: { '201': ok('{added, updated}'), ...errors } },
        delete: { summary: 'remove an entry by list, entityType and raw value', responses: { '204': { description: 'removed' }, ...errors } },
      },
      '/v1/lists/import': { post: { summary: 'bulk import (JSON array or NDJSON, up to 50,000 entries; all or nothing)', responses: { '201': ok('{added, updated}'), ...errors } } },
      '/v1/lists/entries/{id}': { delete: { summary: 'remove an entry by id', parameters: [idParam('id', 'entry id')], responses: { '204': { description: 'removed' }, ...errors } } },
      '/v1/features/{entity}/{key}': { get: { summary: 'current feature values of one entity key (?at=ISO for as-of)', parameters: [idParam('entity', 'entity type'), idParam('key', 'hashed key or raw identifier')], responses: { '200': ok('feature values'), ...errors } } },
      '/v1/feature-sets': {
        get: { summary: 'feature-set specs', responses: { '200': ok('sets') } },
        post: { summary: 'create a feature set (validated; every problem listed)', responses: { '201': ok('feature set'), ...errors } },
      },
      '/v1/feature-sets/validate': { post: { summary: 'validate a feature-set spec without saving', responses: { '200': ok('{valid, problems}') } } },
      '/v1/feature-sets/{name}': {
        get: { summary: 'one feature set (?version=)', parameters: [idParam('name', 'set name')], responses: { '200': ok('feature set'), ...errors } },
        put: { summary: 'new version of a feature set', parameters: [idParam('name', 'set name')], responses: { '200': ok('feature set'), ...errors } },
        delete: { summary: 'delete a feature set', parameters: [idParam('name', 'set name')], responses: { '204': { description: 'deleted' }, ...errors } },
      },
      '/v1/graph/{entityType}/{key}/neighborhood': { get: { summary: 'nodes, edges and labels around a node (?hops=1|2&limit=)', parameters: [idParam('entityType', 'person, phone, device, ip, ip24, card, address, employer'), idParam('key', 'hashed key or raw identifier')], responses: { '200': ok('neighbourhood'), ...errors } } },
      '/v1/graph/{entityType}/{key}/features': { get: { summary: 'graph features of a node', parameters: [idParam('entityType', 'node type'), idParam('key', 'hashed key or raw identifier')], responses: { '200': ok('features'), ...errors } } },
      '/v1/graph/stats': { get: { summary: 'nodes and edges by type, labels, super-nodes, memory, last batch', responses: { '200': ok('stats') } } },
    },
  };
}

// argus flow validate|save|show|release|rollback: flow documents from files (JSON, or YAML by a .yaml/.yml name)
// against a data folder's models and sub-flows, and the releases that put versions on a slot — what a risk team
// scripts in its own CI: validate exits 0 when the document is valid and 2 with every problem listed; save stores a
// new version; release binds champion, challengers and shadows to a slot; rollback releases the previous champion.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { RiskError, Random, systemClock } from '../../core/index.js';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, loadPiiSecret, openDecisionEngine, type DecisionEngine } from '../../app/index.js';
import {
  flowFormatOf, flowText, parseFlowText, type FlowDocument, type FlowProblem, type FlowRef, type Release,
} from '../../decision/index.js';
import { KeyedHasher } from '../../ingest/index.js';

interface FlowFlags {
  data: string;
  tenant: string;
  json?: boolean;
}

export function registerFlowCommand(program: Command): void {
  const flow = program.command('flow').description('validate, save and show decision flow documents (JSON or YAML)');
  const common = (c: Command): Command => c.option('--data <dir>', 'data folder', './argus-data').option('--tenant <name>', 'tenant', DEFAULT_TENANT);

  common(flow.command('validate').description('check a flow document; exit 2 with every problem if it is invalid'))
    .argument('<file>', 'flow document (.json, .yaml or .yml)')
    .option('--json', 'print {valid, problems} as JSON')
    .action((file: string, flags: FlowFlags) => withEngine(flags, (engine) => {
      const problems = engine.catalog.validate(flags.tenant, readFlowFile(file));
      if (flags.json) console.log(JSON.stringify({ valid: problems.length === 0, problems }));
      else if (problems.length === 0) console.log(`${file}: valid`);
      else {
        console.log(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
        for (const p of problems) console.log(`  ${describe(p)}`);
      }
      if (problems.length > 0) process.exitCode = 2;
    }));

  common(flow.command('save').description('validate a flow document and store it as the next version of its flow'))
    .argument('<file>', 'flow document (.json, .yaml or .yml)')
    .action((file: string, flags: FlowFlags) => withEngine(flags, (engine) => {
      const saved = engine.catalog.save(flags.tenant, readFlowFile(file));
      console.log(`saved ${saved.id}@${saved.version}`);
    }));

  common(flow.command('release').description('put flow versions on a traffic slot: a champion, challengers by percent, shadows'))
    .argument('<slot>', 'the slot (the flow id applications are decided under)')
    .requiredOption('--champion <flow>', 'id@version, or a version of the slot\'s own flow')
    .option('--challenger <flow=percent...>', 'id@version=percent: that share of applicants, by a stable hash of the applicant')
    .option('--shadow <flow...>', 'id@version run on live traffic, recorded, never answered')
    .option('--note <text>', 'why (kept with the release)')
    .action((slot: string, flags: FlowFlags & { champion: string; challenger?: string[]; shadow?: string[]; note?: string }) => withEngine(flags, (engine) => {
      const release = engine.catalog.release(flags.tenant, slot, {
        champion: releaseRef(flags.champion),
        challengers: (flags.challenger ?? []).map((c) => {
          const at = c.lastIndexOf('=');
          const percent = Number(c.slice(at + 1));
          if (at < 0 || !Number.isFinite(percent)) throw new RiskError('CLI_FLAG_INVALID', `--challenger "${c}": write id@version=percent`, { flag: 'challenger' });
          return { flow: releaseRef(c.slice(0, at)), percent };
        }),
        shadows: (flags.shadow ?? []).map(releaseRef),
        ...(flags.note ? { note: flags.note } : {}),
      });
      console.log(describeRelease(release));
    }));

  common(flow.command('rollback').description('release the slot\'s previous champion again'))
    .argument('<slot>', 'the slot')
    .action((slot: string, flags: FlowFlags) => withEngine(flags, (engine) => console.log(describeRelease(engine.catalog.rollback(flags.tenant, slot)))));

  common(flow.command('show').description('print a stored flow document'))
    .argument('<flow>', 'flow id, or id@version (default: the latest version)')
    .option('--yaml', 'print it as YAML instead of JSON')
    .action((ref: string, flags: FlowFlags & { yaml?: boolean }) => withEngine(flags, (engine) => {
      const [id, version] = parseRef(ref);
      console.log(flowText(engine.catalog.get(flags.tenant, id, version).document, flags.yaml ? 'yaml' : 'json').trimEnd());
    }));
}

async function withEngine(flags: FlowFlags, work: (engine: DecisionEngine) => void): Promise<void> {
  const config = loadConfig({ data: flags.data });
  // Only the catalog is used: no event log, no audit records, no readers.
  const engine = openDecisionEngine({
    dataDir: config.dataDir, clock: systemClock, random: new Random(randomBytes(16).toString('hex')),
    hasher: new KeyedHasher(loadPiiSecret(config.dataDir, config.piiSecret)),
  });
  try {
    work(engine);
  } finally {
    await engine.close();
  }
}

function readFlowFile(file: string): FlowDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RiskError('CLI_FILE_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`, { file });
  }
  return parseFlowText(text, flowFormatOf(file)) as FlowDocument;
}

/** A release's flow: "7" (a version of the slot's flow) or "id@7". */
function releaseRef(ref: string): number | FlowRef {
  if (/^\d+$/.test(ref)) return Number(ref);
  const [id, version] = parseRef(ref);
  if (version === undefined) throw new RiskError('CLI_FLAG_INVALID', `"${ref}": name a version, id@version`, { flow: ref });
  return { id, version };
}

function describeRelease(r: Release): string {
  const at = (f: FlowRef) => `${f.id}@${f.version}`;
  return [
    `released ${r.id} on ${r.slot}: champion ${at(r.champion)}`,
    ...r.challengers.map((c) => `challenger ${at(c.flow)} ${c.percent}%`),
    ...r.shadows.map((f) => `shadow ${at(f)}`),
  ].join(', ');
}

function parseRef(ref: string): [string, number | undefined] {
  const at = ref.lastIndexOf('@');
  if (at < 0) return [ref, undefined];
  const version = Number(ref.slice(at + 1));
  if (!Number.isInteger(version) || version < 1) throw new RiskError('CLI_FLAG_INVALID', `"${ref}": a version after @ is a positive integer`, { flow: ref });
  return [ref.slice(0, at), version];
}

function describe(p: FlowProblem): string {
  const where = [p.node, p.path].filter(Boolean).join(' ');
  return `${p.code}${where ? ` [${where}]` : ''}: ${p.message}`;
}

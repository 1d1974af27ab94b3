// app: configuration, wiring of the engines, and the server. Imports everything; nothing imports it but cli.
export { loadConfig, SOLE_SERVER, type ArgusConfig, type ConfigFlags, type SharedDataFolder } from './config.js';
export { isClusterWorker, reportListening, sharedPart, startWorkers } from './cluster-server.js';
export { openArgus, type ArgusApp, type AppOverrides } from './argus-app.js';
export { listen } from './server.js';
export { loadPiiSecret } from './pii-secret.js';
export { openDecisionEngine, type DecisionEngine } from './decision-wiring.js';

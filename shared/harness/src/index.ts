export * from './types.ts';
export { dockerAnswers, ensureStack, providerFor, restartService, stackEnv, stackStatus, stopStack, type RunningStack, type ServiceStatus, type StackOptions } from './stack.ts';
export { selectProvider, PROVIDER_VARIABLE, type Selection } from './select.ts';
export { defaultStateDir, isProcessAlive, readState, repoRoot } from './state.ts';
export { findFreePort, findFreePorts, isPortOpen, waitUntil } from './ports.ts';
export { KAFKA_VERSION } from './local/kafka-version.ts';
export { OPTIONAL_SERVICE_VARIABLES, SERVICE_VARIABLES } from './external.ts';
export { DEBEZIUM_VERSION } from './local/connect.ts';
export { APICURIO_VERSION } from './local/registry.ts';

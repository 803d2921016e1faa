/**
 * The capture stage shared by the bridges of labs 4 and 5: catalog facts, the publication,
 * and the stream of shaped changes grouped by transaction.
 */
export { readCatalog, type CatalogFacts } from './catalog.ts';
export { ensurePublication, tablesWithoutReplicaIdentity } from './publication.ts';
export { captureTransactions, type Captured, type CaptureOptions, type TransactionId } from './transactions.ts';
export { BridgeStream } from './bridge-stream.ts';

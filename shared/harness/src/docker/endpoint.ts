import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@cdc-lab/common';

/**
 * Which Docker engine to talk to, found the way the docker CLI finds it (docker/cli,
 * cli/command/cli.go: resolveContextName), because testcontainers reads no Docker contexts:
 *
 *   1. DOCKER_HOST, when set and not empty;
 *   2. otherwise the current context: DOCKER_CONTEXT, else `currentContext` in
 *      <config dir>/config.json; its endpoint is `Endpoints.docker.Host` in
 *      <config dir>/contexts/meta/<sha256 of the name>/meta.json ("default" is no file: step 3);
 *   3. otherwise the default socket, unix:///var/run/docker.sock (a named pipe on Windows).
 *
 * The config dir is DOCKER_CONFIG, else ~/.docker. Most engines that are not at the default
 * socket are reached through step 2, with a context their tooling creates: `colima`
 * (~/.colima/<profile>/docker.sock), `rancher-desktop` (~/.rd/docker.sock), `desktop-linux`
 * (Docker Desktop), `rootless` (dockerd-rootless-setuptool.sh: $XDG_RUNTIME_DIR/docker.sock);
 * Podman's Docker-compatible socket through a context or DOCKER_HOST made by hand. Exporting
 * the result as DOCKER_HOST makes testcontainers use the same engine as `docker version`.
 *
 * One exception: `tc.host` (before step 1) or `docker.host` (before step 2) in
 * ~/.testcontainers.properties is the user telling testcontainers itself where the engine is;
 * testcontainers honours those on its own, in that order, so they are kept as they are.
 */

export interface EndpointFacts {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** A file's text, or undefined when it cannot be read (absent, unreadable). */
  readFile: (file: string) => string | undefined;
}

export interface DockerEndpoint {
  /** As DOCKER_HOST spells it: unix:///…, tcp://…, npipe:////./pipe/…, ssh://… */
  host: string;
  /** Where it came from, for the line that explains the choice. */
  source: string;
  /** TLS material of a context's endpoint (ca.pem, cert.pem, key.pem), for DOCKER_CERT_PATH. */
  tlsCertPath?: string;
}

export const DEFAULT_CONTEXT = 'default';
const DEFAULT_UNIX_HOST = 'unix:///var/run/docker.sock';
const DEFAULT_WINDOWS_HOST = 'npipe:////./pipe/docker_engine';

/** The docker CLI's config dir: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir({ env, homeDir }: Pick<EndpointFacts, 'env' | 'homeDir'>): string {
  return env.DOCKER_CONFIG || path.join(homeDir, '.docker');
}

/** The folder name of a context in the store: the sha256 of its name, in hex. */
export function contextStoreId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `key=value` lines of a Java properties file, enough for the two keys read here. */
function propertyOf(text: string | undefined, key: string): string | undefined {
  for (const line of text?.split(/\r?\n/) ?? []) {
    const match = /^\s*([^#!=:\s]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === key && match[2]) return match[2];
  }
  return undefined;
}

/** The chosen Docker context cannot be read; `docker` itself fails the same way then. */
export class DockerContextError extends ConfigurationError {
  constructor(message: string) {
    super(message, { hint: 'see `docker context ls`; `docker context use default` or DOCKER_CONTEXT picks another one' });
  }
}

export function currentContextName(facts: EndpointFacts): { name: string; source: string } {
  const fromEnv = facts.env.DOCKER_CONTEXT;
  if (fromEnv) return { name: fromEnv, source: 'DOCKER_CONTEXT' };
  const configFile = path.join(dockerConfigDir(facts), 'config.json');
  const config = parseJson(facts.readFile(configFile)) as { currentContext?: unknown } | undefined;
  if (typeof config?.currentContext === 'string' && config.currentContext !== '') {
    return { name: config.currentContext, source: configFile };
  }
  return { name: DEFAULT_CONTEXT, source: 'no context chosen' };
}

function defaultEndpoint(platform: NodeJS.Platform, source: string): DockerEndpoint {
  return { host: platform === 'win32' ? DEFAULT_WINDOWS_HOST : DEFAULT_UNIX_HOST, source };
}

/**
 * The endpoint, without touching the engine. Throws DockerContextError when the chosen context
 * does not exist or names no docker endpoint (the docker CLI fails then too).
 */
export function resolveDockerEndpoint(facts: EndpointFacts): DockerEndpoint {
  const { env, homeDir, platform, readFile } = facts;
  // testcontainers' own order: tc.host first, then DOCKER_HOST, then docker.host from the file.
  const propertiesFile = path.join(homeDir, '.testcontainers.properties');
  const properties = readFile(propertiesFile);
  const tcHost = propertyOf(properties, 'tc.host');
  if (tcHost !== undefined) return { host: tcHost, source: `tc.host in ${propertiesFile}` };
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  const dockerHost = propertyOf(properties, 'docker.host');
  if (dockerHost !== undefined) return { host: dockerHost, source: `docker.host in ${propertiesFile}` };

  const { name, source } = currentContextName(facts);
  if (name === DEFAULT_CONTEXT) return defaultEndpoint(platform, source === 'no context chosen' ? 'the default socket' : `context "default" (${source})`);

  const store = path.join(dockerConfigDir(facts), 'contexts');
  const id = contextStoreId(name);
  const metaFile = path.join(store, 'meta', id, 'meta.json');
  const meta = parseJson(readFile(metaFile)) as { Endpoints?: { docker?: { Host?: unknown } } } | undefined;
  if (meta === undefined) {
    throw new DockerContextError(`the Docker context "${name}" (from ${source}) does not exist: no ${metaFile}`);
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || host === '') {
    throw new DockerContextError(`the Docker context "${name}" names no docker endpoint (${metaFile})`);
  }
  const tlsDir = path.join(store, 'tls', id, 'docker');
  const hasTls = readFile(path.join(tlsDir, 'ca.pem')) !== undefined;
  return { host, source: `context "${name}" (${source})`, ...(hasTls ? { tlsCertPath: tlsDir } : {}) };
}

/** The socket file behind a unix:// endpoint, or undefined for any other kind. */
export function unixSocketPath(host: string): string | undefined {
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** Why testcontainers could not use this endpoint, or undefined when it can try. */
export function unusableBecause(endpoint: DockerEndpoint, exists: (file: string) => boolean): string | undefined {
  const socket = unixSocketPath(endpoint.host);
  if (socket !== undefined) {
    return exists(socket) ? undefined : `the Docker socket ${socket} (${endpoint.source}) does not exist`;
  }
  if (/^(tcp|http|https|npipe):\/\//.test(endpoint.host)) return undefined;
  return `testcontainers cannot reach a Docker endpoint like ${endpoint.host} (${endpoint.source}); it speaks unix://, tcp:// and npipe:// only`;
}

const ANY_ENGINE_FIX =
  'start your engine (Docker Desktop, `colima start`, Rancher Desktop, `podman machine start`), '
  + 'or point DOCKER_HOST at its socket (`docker context inspect` shows it)';

/**
 * What starts the engine behind a socket, told by where the socket lives (each tool puts its
 * socket in a place of its own), then the ways round it.
 */
export function endpointFix(host: string | undefined): string {
  const socket = host === undefined ? undefined : unixSocketPath(host);
  const profile = socket === undefined ? undefined : /\/\.colima\/([^/]+)\/docker\.sock$/.exec(socket)?.[1];
  let start: string | undefined;
  if (profile !== undefined) start = profile === 'default' ? '`colima start`' : `\`colima start --profile ${profile}\``;
  else if (socket?.endsWith('/.rd/docker.sock')) start = 'Rancher Desktop';
  else if (socket !== undefined && /\/\.?podman\//.test(socket)) start = '`podman machine start` (macOS, Windows) or `systemctl --user start podman.socket` (Linux)';
  else if (socket !== undefined && /^\/run\/user\/\d+\/docker\.sock$/.test(socket)) start = 'rootless Docker: `systemctl --user start docker`';
  else if (socket?.includes('/.docker/')) start = 'Docker Desktop';
  const first = start === undefined ? ANY_ENGINE_FIX : `start ${start}, or point DOCKER_HOST at the socket of the engine you do run`;
  return `${first}; or unset CDC_LAB_PROVIDER to run the services as local processes`;
}

export type EndpointCheck =
  | { usable: true; endpoint: DockerEndpoint }
  | { usable: false; why: string; fix: string };

/**
 * Where engines put their socket when nothing points the docker CLI at it: a machine with
 * Podman but no docker CLI has no context, nor /var/run/docker.sock unless podman-docker is
 * installed. Looked at only when no context was chosen and the default socket is missing.
 */
export function wellKnownSockets({ env, homeDir }: Pick<EndpointFacts, 'env' | 'homeDir'>): { socket: string; engine: string }[] {
  const runtimeDir = env.XDG_RUNTIME_DIR;
  return [
    ...(runtimeDir ? [{ socket: path.join(runtimeDir, 'docker.sock'), engine: 'rootless Docker' }] : []),
    { socket: path.join(homeDir, '.docker', 'run', 'docker.sock'), engine: 'Docker Desktop' },
    ...(runtimeDir ? [{ socket: path.join(runtimeDir, 'podman', 'podman.sock'), engine: 'Podman (rootless)' }] : []),
    { socket: '/run/podman/podman.sock', engine: 'Podman' },
    { socket: path.join(homeDir, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), engine: 'Podman machine' },
  ];
}

/** Resolve and check in one step, never throwing. */
export function checkDockerEndpoint(facts: EndpointFacts, exists: (file: string) => boolean): EndpointCheck {
  try {
    const endpoint = resolveDockerEndpoint(facts);
    const why = unusableBecause(endpoint, exists);
    if (why !== undefined && endpoint.source === 'the default socket') {
      const found = wellKnownSockets(facts).find(({ socket }) => exists(socket));
      if (found) return { usable: true, endpoint: { host: `unix://${found.socket}`, source: `${found.engine}'s socket, found where it keeps it` } };
    }
    return why === undefined ? { usable: true, endpoint } : { usable: false, why, fix: endpointFix(endpoint.host) };
  } catch (error) {
    if (error instanceof DockerContextError) return { usable: false, why: error.message, fix: `${error.hint}; or unset CDC_LAB_PROVIDER to run the services as local processes` };
    throw error;
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** This machine's facts. */
export function machineFacts(env: Record<string, string | undefined> = process.env): EndpointFacts {
  return { env, homeDir: os.homedir(), platform: process.platform, readFile: readIfPresent };
}

export function discoverDockerEndpoint(env: Record<string, string | undefined> = process.env): EndpointCheck {
  return checkDockerEndpoint(machineFacts(env), fs.existsSync);
}

/**
 * What testcontainers must see in its environment to reach `endpoint`. It reads DOCKER_HOST
 * (and the TLS pair) once, on its first call, so this is applied before that.
 */
export function testcontainersEnv(endpoint: DockerEndpoint): Record<string, string> {
  const exported: Record<string, string> = { DOCKER_HOST: endpoint.host };
  if (endpoint.tlsCertPath !== undefined) {
    exported.DOCKER_TLS_VERIFY = '1';
    exported.DOCKER_CERT_PATH = endpoint.tlsCertPath;
  }
  return exported;
}

/**
 * Set DOCKER_HOST for testcontainers unless the user set it, or told testcontainers itself
 * (~/.testcontainers.properties, which it reads on its own). Returns what was exported.
 */
export function exportDockerEndpoint(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const check = discoverDockerEndpoint(env);
  if (!check.usable || check.endpoint.source === 'DOCKER_HOST' || check.endpoint.source.includes('.testcontainers.properties')) return {};
  const exported = testcontainersEnv(check.endpoint);
  Object.assign(env, exported);
  return exported;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  endpointFix,
  checkDockerEndpoint,
  contextStoreId,
  exportDockerEndpoint,
  resolveDockerEndpoint,
  testcontainersEnv,
  unusableBecause,
  type EndpointFacts,
} from '../src/docker/endpoint.ts';
import { selectProvider } from '../src/select.ts';

// Each engine's layout on disk, as its own tooling writes it; no engine is needed to check that
// the endpoint is found the way the docker CLI finds it.

const HOME = '/home/ada';

/** A context as `docker context create NAME --docker host=HOST` stores it. */
function contextFiles(name: string, host: string, configDir = `${HOME}/.docker`): Record<string, string> {
  return {
    [`${configDir}/contexts/meta/${contextStoreId(name)}/meta.json`]: JSON.stringify({
      Name: name,
      Metadata: { Description: name },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    }),
  };
}

function facts(files: Record<string, string>, env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): EndpointFacts {
  return { env, homeDir: HOME, platform, readFile: (file) => files[file] };
}

const currentContext = (name: string) => ({ [`${HOME}/.docker/config.json`]: JSON.stringify({ auths: {}, currentContext: name }) });

describe('resolveDockerEndpoint, like the docker CLI', () => {
  it('names a context folder by the sha256 of the context name', () => {
    // The folder a context named "local" gets, as `ls ~/.docker/contexts/tls` shows it.
    expect(contextStoreId('local')).toBe('25bf8e1a2393f1108d37029b3df5593236c755742ec93465bbafa9b290bddcf6');
    expect(contextStoreId('colima')).toBe('f24fd3749c1368328e2b149bec149cb6795619f244c5b584e844961215dadd16');
  });

  it('uses the default socket when nothing else is set', () => {
    expect(resolveDockerEndpoint(facts({}))).toEqual({ host: 'unix:///var/run/docker.sock', source: 'the default socket' });
  });

  it("uses Windows' named pipe there", () => {
    expect(resolveDockerEndpoint(facts({}, {}, 'win32')).host).toBe('npipe:////./pipe/docker_engine');
  });

  it('finds Colima through its current context', () => {
    const files = { ...currentContext('colima'), ...contextFiles('colima', `unix://${HOME}/.colima/default/docker.sock`) };
    expect(resolveDockerEndpoint(facts(files))).toEqual({
      host: `unix://${HOME}/.colima/default/docker.sock`,
      source: `context "colima" (${HOME}/.docker/config.json)`,
    });
  });

  it('finds a Colima profile other than the default', () => {
    const files = { ...currentContext('colima-work'), ...contextFiles('colima-work', `unix://${HOME}/.colima/work/docker.sock`) };
    expect(resolveDockerEndpoint(facts(files)).host).toBe(`unix://${HOME}/.colima/work/docker.sock`);
  });

  it('finds Rancher Desktop through its context', () => {
    const files = { ...currentContext('rancher-desktop'), ...contextFiles('rancher-desktop', `unix://${HOME}/.rd/docker.sock`) };
    expect(resolveDockerEndpoint(facts(files)).host).toBe(`unix://${HOME}/.rd/docker.sock`);
  });

  it('finds rootless Docker through the context its setup tool creates', () => {
    const files = { ...currentContext('rootless'), ...contextFiles('rootless', 'unix:///run/user/1000/docker.sock') };
    expect(resolveDockerEndpoint(facts(files)).host).toBe('unix:///run/user/1000/docker.sock');
  });

  it("finds Podman's Docker-compatible socket through a context", () => {
    const linux = { ...currentContext('podman'), ...contextFiles('podman', 'unix:///run/user/1000/podman/podman.sock') };
    expect(resolveDockerEndpoint(facts(linux)).host).toBe('unix:///run/user/1000/podman/podman.sock');
    const machineSocket = `unix://${HOME}/.local/share/containers/podman/machine/podman.sock`;
    const mac = { ...currentContext('podman'), ...contextFiles('podman', machineSocket) };
    expect(resolveDockerEndpoint(facts(mac, {}, 'darwin')).host).toBe(machineSocket);
  });

  it('lets DOCKER_CONTEXT choose over config.json', () => {
    const files = { ...currentContext('colima'), ...contextFiles('colima', 'unix:///a.sock'), ...contextFiles('work', 'tcp://10.0.0.5:2375') };
    expect(resolveDockerEndpoint(facts(files, { DOCKER_CONTEXT: 'work' }))).toEqual({
      host: 'tcp://10.0.0.5:2375',
      source: 'context "work" (DOCKER_CONTEXT)',
    });
  });

  it('lets DOCKER_HOST win over any context', () => {
    const files = { ...currentContext('colima'), ...contextFiles('colima', 'unix:///a.sock') };
    const endpoint = resolveDockerEndpoint(facts(files, { DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'colima' }));
    expect(endpoint).toEqual({ host: 'tcp://127.0.0.1:2375', source: 'DOCKER_HOST' });
  });

  it('ignores an empty DOCKER_HOST, as the docker CLI does', () => {
    expect(resolveDockerEndpoint(facts({}, { DOCKER_HOST: '' })).host).toBe('unix:///var/run/docker.sock');
  });

  it('reads contexts from DOCKER_CONFIG when set', () => {
    const files = {
      '/etc/docker-cfg/config.json': JSON.stringify({ currentContext: 'colima' }),
      ...contextFiles('colima', 'unix:///b.sock', '/etc/docker-cfg'),
    };
    expect(resolveDockerEndpoint(facts(files, { DOCKER_CONFIG: '/etc/docker-cfg' })).host).toBe('unix:///b.sock');
  });

  it('treats the context named "default" as the default socket', () => {
    expect(resolveDockerEndpoint(facts(currentContext('default'))).host).toBe('unix:///var/run/docker.sock');
  });

  it('passes on the TLS material of a context that has it', () => {
    const id = contextStoreId('remote');
    const files = {
      ...currentContext('remote'),
      ...contextFiles('remote', 'tcp://10.0.0.5:2376'),
      [`${HOME}/.docker/contexts/tls/${id}/docker/ca.pem`]: 'CA',
    };
    const endpoint = resolveDockerEndpoint(facts(files));
    expect(endpoint.tlsCertPath).toBe(`${HOME}/.docker/contexts/tls/${id}/docker`);
    expect(testcontainersEnv(endpoint)).toEqual({
      DOCKER_HOST: 'tcp://10.0.0.5:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: `${HOME}/.docker/contexts/tls/${id}/docker`,
    });
  });

  it('keeps what ~/.testcontainers.properties tells testcontainers, in its order', () => {
    const properties = `${HOME}/.testcontainers.properties`;
    const withDockerHost = { [properties]: 'docker.host=unix:///c.sock\n', ...currentContext('colima'), ...contextFiles('colima', 'unix:///a.sock') };
    expect(resolveDockerEndpoint(facts(withDockerHost)).host).toBe('unix:///c.sock');
    expect(resolveDockerEndpoint(facts(withDockerHost, { DOCKER_HOST: 'unix:///d.sock' })).host).toBe('unix:///d.sock');
    const withTcHost = { [properties]: '# cloud\ntc.host = tcp://127.0.0.1:41234\n' };
    expect(resolveDockerEndpoint(facts(withTcHost, { DOCKER_HOST: 'unix:///d.sock' })).host).toBe('tcp://127.0.0.1:41234');
  });

  it('fails, naming the file, for a context that does not exist', () => {
    expect(() => resolveDockerEndpoint(facts(currentContext('gone')))).toThrow(/context "gone" .* does not exist/);
  });
});

describe('whether testcontainers can use the endpoint', () => {
  const exists = (present: string[]) => (file: string) => present.includes(file);

  it('needs the socket file of a unix endpoint to exist', () => {
    const endpoint = { host: `unix://${HOME}/.colima/default/docker.sock`, source: 'context "colima"' };
    expect(unusableBecause(endpoint, exists([`${HOME}/.colima/default/docker.sock`]))).toBeUndefined();
    expect(unusableBecause(endpoint, exists([]))).toBe(`the Docker socket ${HOME}/.colima/default/docker.sock (context "colima") does not exist`);
  });

  it('cannot check a TCP or named-pipe endpoint without asking it, so lets it be tried', () => {
    expect(unusableBecause({ host: 'tcp://10.0.0.5:2375', source: 'x' }, exists([]))).toBeUndefined();
    expect(unusableBecause({ host: 'npipe:////./pipe/docker_engine', source: 'x' }, exists([]))).toBeUndefined();
  });

  it('refuses an ssh:// context, which testcontainers cannot speak', () => {
    expect(unusableBecause({ host: 'ssh://me@box', source: 'context "box"' }, exists([]))).toMatch(/cannot reach .*ssh:\/\/me@box/);
  });

  it('reports a missing context as unusable rather than throwing', () => {
    expect(checkDockerEndpoint(facts(currentContext('gone')), exists([]))).toMatchObject({ usable: false, why: expect.stringMatching(/gone/) });
  });
});

describe('engines found without the docker CLI', () => {
  const exists = (present: string[]) => (file: string) => present.includes(file);
  const runtime = { XDG_RUNTIME_DIR: '/run/user/1000' };

  it("finds rootless Podman's socket when the default socket is missing", () => {
    const check = checkDockerEndpoint(facts({}, runtime), exists(['/run/user/1000/podman/podman.sock']));
    expect(check).toEqual({ usable: true, endpoint: { host: 'unix:///run/user/1000/podman/podman.sock', source: "Podman (rootless)'s socket, found where it keeps it" } });
  });

  it("finds rootful Podman's and Docker Desktop's user socket", () => {
    expect(checkDockerEndpoint(facts({}), exists(['/run/podman/podman.sock']))).toMatchObject({ usable: true, endpoint: { host: 'unix:///run/podman/podman.sock' } });
    expect(checkDockerEndpoint(facts({}), exists([`${HOME}/.docker/run/docker.sock`]))).toMatchObject({ usable: true, endpoint: { host: `unix://${HOME}/.docker/run/docker.sock` } });
  });

  it('prefers the default socket when it exists, and never second-guesses a chosen context or DOCKER_HOST', () => {
    const everything = exists(['/var/run/docker.sock', '/run/podman/podman.sock']);
    expect(checkDockerEndpoint(facts({}), everything)).toMatchObject({ endpoint: { host: 'unix:///var/run/docker.sock' } });
    expect(checkDockerEndpoint(facts({}, { DOCKER_HOST: 'unix:///nowhere.sock' }), exists(['/run/podman/podman.sock'])).usable).toBe(false);
    const colima = { ...currentContext('colima'), ...contextFiles('colima', `unix://${HOME}/.colima/default/docker.sock`) };
    expect(checkDockerEndpoint(facts(colima), exists(['/run/podman/podman.sock'])).usable).toBe(false);
  });

  it('is unusable, with the fix, when no engine has a socket anywhere', () => {
    const check = checkDockerEndpoint(facts({}, runtime), exists([]));
    expect(check.usable).toBe(false);
  });
});

describe('endpointFix: what starts the engine behind a missing socket', () => {
  it.each([
    [`unix://${HOME}/.colima/default/docker.sock`, /^start `colima start`,/],
    [`unix://${HOME}/.colima/work/docker.sock`, /^start `colima start --profile work`,/],
    [`unix://${HOME}/.rd/docker.sock`, /^start Rancher Desktop,/],
    ['unix:///run/user/1000/podman/podman.sock', /^start `podman machine start` .* `systemctl --user start podman.socket`/],
    [`unix://${HOME}/.local/share/containers/podman/machine/podman.sock`, /^start `podman machine start`/],
    ['unix:///run/user/1000/docker.sock', /^start rootless Docker: `systemctl --user start docker`,/],
    [`unix://${HOME}/.docker/run/docker.sock`, /^start Docker Desktop,/],
    ['unix:///var/run/docker.sock', /^start your engine \(Docker Desktop, `colima start`/],
  ])('%s', (host, expected) => {
    expect(endpointFix(host)).toMatch(expected);
    expect(endpointFix(host)).toMatch(/or unset CDC_LAB_PROVIDER to run the services as local processes$/);
  });
});

describe('selectProvider with the endpoint', () => {
  const stoppedColima = () => checkDockerEndpoint(
    facts({ ...currentContext('colima'), ...contextFiles('colima', `unix://${HOME}/.colima/default/docker.sock`) }),
    () => false,
  );

  it('falls back to local processes, in one line saying why, when the socket is missing', async () => {
    let asked = false;
    const selection = await selectProvider({ env: {}, dockerAnswers: async () => (asked = true), dockerEndpoint: stoppedColima });
    expect(selection).toEqual({
      provider: 'local',
      reason: `the Docker socket ${HOME}/.colima/default/docker.sock (context "colima" (${HOME}/.docker/config.json)) does not exist: running services as local processes`,
    });
    expect(asked).toBe(false);
  });

  it('fails with the fix when docker was forced and the socket is missing', async () => {
    const attempt = selectProvider({ env: { CDC_LAB_PROVIDER: 'docker' }, dockerAnswers: async () => true, dockerEndpoint: stoppedColima });
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(/^CDC_LAB_PROVIDER=docker, but the Docker socket .*colima.* does not exist$/),
      hint: 'start `colima start`, or point DOCKER_HOST at the socket of the engine you do run; '
        + 'or unset CDC_LAB_PROVIDER to run the services as local processes',
    });
  });

  it('asks the engine testcontainers will be given, and says which', async () => {
    const asked: Array<string | undefined> = [];
    const selection = await selectProvider({
      env: {},
      dockerAnswers: async (endpoint) => {
        asked.push(endpoint?.host);
        return true;
      },
      dockerEndpoint: () => ({ usable: true, endpoint: { host: 'unix:///r.sock', source: 'context "rancher-desktop"' } }),
    });
    expect(asked).toEqual(['unix:///r.sock']);
    expect(selection).toEqual({ provider: 'docker', reason: 'a Docker engine answers at unix:///r.sock (context "rancher-desktop")' });
  });
});

describe('exportDockerEndpoint', () => {
  it("hands testcontainers the current context's socket as DOCKER_HOST", () => {
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-docker-config-'));
    try {
      const socket = path.join(configDir, 'docker.sock');
      fs.writeFileSync(socket, '');
      for (const [file, text] of Object.entries(contextFiles('colima', `unix://${socket}`, configDir))) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
      const env: Record<string, string | undefined> = { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'colima' };
      expect(exportDockerEndpoint(env)).toEqual({ DOCKER_HOST: `unix://${socket}` });
      expect(env.DOCKER_HOST).toBe(`unix://${socket}`);
    } finally {
      fs.rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('leaves a DOCKER_HOST the user set alone', () => {
    const env: Record<string, string | undefined> = { DOCKER_HOST: 'tcp://127.0.0.1:2375' };
    expect(exportDockerEndpoint(env)).toEqual({});
    expect(env).toEqual({ DOCKER_HOST: 'tcp://127.0.0.1:2375' });
  });
});

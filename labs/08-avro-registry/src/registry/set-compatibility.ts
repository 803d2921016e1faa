import type { Compatibility, RegistryClient } from './rest.ts';

/**
 * `pnpm lab 8 compatibility <subject> <level>`: change one subject's rule — the usual way to let
 * through a change the registry refused, once the consumers are ready for it.
 *
 * PUT /config/<subject> does it on Confluent's registry. Apicurio's Confluent-compatible API
 * takes the same request, but for NONE it removes the subject's own rule instead of setting
 * it, and the registry-wide rule (BACKWARD here) applies again — the refusal stands. So when
 * the URL is Apicurio's, NONE is also set as the artifact's rule through Apicurio's own API.
 */
export async function setSubjectCompatibility(client: RegistryClient, subject: string, level: Compatibility): Promise<void> {
  await client.setCompatibility(subject, level);
  if (level === 'NONE') await apicurioArtifactRule(client.url, subject, level);
}

async function apicurioArtifactRule(url: string, subject: string, level: Compatibility): Promise<void> {
  const apicurio = /^(.*)\/apis\/ccompat\/v\d+$/.exec(url);
  if (!apicurio) return;
  const rules = `${apicurio[1]}/apis/registry/v3/groups/default/artifacts/${encodeURIComponent(subject)}/rules`;
  const body = JSON.stringify({ ruleType: 'COMPATIBILITY', config: level });
  const headers = { 'content-type': 'application/json' };
  const updated = await fetch(`${rules}/COMPATIBILITY`, { method: 'PUT', headers, body, signal: AbortSignal.timeout(15_000) });
  if (updated.status === 404) await fetch(rules, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
}

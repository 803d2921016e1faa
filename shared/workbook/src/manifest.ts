import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot, SERVICE_NAMES, type ServiceName } from '@cdc-lab/harness';

export type LabStatus = 'built' | 'planned';

export interface Lab {
  number: number;
  slug: string;
  title: string;
  summary: string;
  status: LabStatus;
  services: ServiceName[];
  /** Program entry, relative to the lab folder (the starter has the same path under starter/). */
  entry: string;
  hints: string[];
  /** Derived: labs/<NN>-<slug>, relative to the repository root. */
  dir: string;
  /** Derived: the lab's chapter, docs/<NN>-<slug>.md. */
  docs: string;
  /** Derived: the workspace package name, @cdc-lab/<NN>-<slug>. */
  packageName: string;
}

export function manifestPath(root = repoRoot()): string {
  return path.join(root, 'labs', 'manifest.yaml');
}

export function loadManifest(file = manifestPath()): Lab[] {
  const document = parse(fs.readFileSync(file, 'utf8')) as { labs?: unknown };
  if (!Array.isArray(document?.labs)) throw invalid(file, 'it must have a top-level `labs:` list');
  const labs = document.labs.map((entry, index) => validateLab(entry, index, file));
  labs.forEach((lab, index) => {
    if (lab.number !== index + 1) throw invalid(file, `lab ${lab.slug} is number ${lab.number} but stands at position ${index + 1}`);
  });
  return labs;
}

/** Look a lab up by number ("3"), padded number ("03") or slug ("logical-streamer"). */
export function findLab(labs: Lab[], query: string | undefined): Lab {
  const wanted = (query ?? '').trim();
  const lab = labs.find((candidate) => String(candidate.number) === wanted.replace(/^0+(?=\d)/, '') || candidate.slug === wanted);
  if (!lab) {
    throw new ConfigurationError(wanted ? `there is no lab ${JSON.stringify(wanted)}` : 'which lab? give its number', {
      hint: `labs are ${labs.map((candidate) => `${candidate.number} (${candidate.slug})`).join(', ')}`,
    });
  }
  return lab;
}

function validateLab(entry: unknown, index: number, file: string): Lab {
  const where = `labs[${index}]`;
  if (typeof entry !== 'object' || entry === null) throw invalid(file, `${where} is not a mapping`);
  const raw = entry as Record<string, unknown>;
  const text = (key: string): string => {
    if (typeof raw[key] !== 'string' || raw[key] === '') throw invalid(file, `${where}.${key} must be a non-empty string`);
    return raw[key] as string;
  };
  const number = raw.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw invalid(file, `${where}.number must be a positive integer`);
  const slug = text('slug');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw invalid(file, `${where}.slug must be lower-case words joined by dashes`);
  const status = text('status');
  if (status !== 'built' && status !== 'planned') throw invalid(file, `${where}.status must be built or planned`);
  const services = raw.services;
  if (!Array.isArray(services) || services.some((service) => !(SERVICE_NAMES as readonly unknown[]).includes(service))) {
    throw invalid(file, `${where}.services must list some of ${SERVICE_NAMES.join(', ')}`);
  }
  const hints = raw.hints ?? [];
  if (!Array.isArray(hints) || hints.some((hint) => typeof hint !== 'string')) throw invalid(file, `${where}.hints must be a list of strings`);
  if (status === 'built' && hints.length !== 3) throw invalid(file, `${where}: a built lab has three layers of hints`);
  const name = `${String(number).padStart(2, '0')}-${slug}`;
  return {
    number,
    slug,
    title: text('title'),
    summary: text('summary'),
    status,
    services: services as ServiceName[],
    entry: text('entry'),
    hints: hints as string[],
    dir: `labs/${name}`,
    docs: `docs/${name}.md`,
    packageName: `@cdc-lab/${name}`,
  };
}

function invalid(file: string, problem: string): ConfigurationError {
  return new ConfigurationError(`the lab manifest is invalid: ${problem}`, { hint: `fix ${file}` });
}

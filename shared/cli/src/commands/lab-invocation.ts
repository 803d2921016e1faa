import { ConfigurationError } from '@cdc-lab/common';
import { loadManifest, type Language, type Lab } from '@cdc-lab/workbook';

/** What `pnpm lab` was asked to do: run a lab's program, or replay its demo. */
export interface LabInvocation {
  lab: Lab;
  kind: 'reference' | 'starter';
  /** The track: TypeScript, or Python for the labs that have one. */
  language: Language;
  /** What goes to the lab's program (or to the demo). */
  args: string[];
  demo: boolean;
}

export function requireBuilt(lab: Lab): void {
  if (lab.status === 'built') return;
  const ready = builtLabs();
  throw new ConfigurationError(`lab ${lab.number} (${lab.title}) is not built yet`, {
    hint: `its chapter ${lab.docs} says what it will teach; ${ready.length > 0 ? `ready now: lab ${ready.join(', ')}` : 'no lab is ready yet'}`,
  });
}

function builtLabs(): number[] {
  return loadManifest().filter((lab) => lab.status === 'built').map((lab) => lab.number);
}

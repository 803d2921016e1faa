import { loadManifest } from '@cdc-lab/workbook';

/** One lab's "what to watch" panel: which marker to follow while its program runs. */
export interface WatchPanel {
  number: number;
  title: string;
  watch: string;
  docs: string;
}

export function watchPanels(): WatchPanel[] {
  return loadManifest()
    .filter((lab) => lab.watch !== undefined)
    .map((lab) => ({ number: lab.number, title: lab.title, watch: lab.watch!, docs: lab.docs }));
}

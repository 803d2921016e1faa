import fs from 'node:fs';
import path from 'node:path';
import type { KeyText } from './snapshot/chunk-reader.ts';

/**
 * What survives a crash, in CDC_STATE_DIR/snapshot.json, written after Kafka has acknowledged
 * a chunk (write to a temporary file, then rename: a crash leaves the old file or the new one,
 * never half of one).
 *
 *   slot, consistentPoint   the slot the snapshot belongs to, and where its stream starts
 *   phase                   'snapshot': the initial snapshot was under way; 'streaming': done
 *   pending                 tables still to read, each from just after `after` (null: from the start)
 */
export interface SnapshotState {
  slot: string;
  consistentPoint: string;
  phase: 'snapshot' | 'streaming';
  pending: { table: string; after: KeyText | null }[];
}

export class StateFile {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'snapshot.json');
  }

  read(): SnapshotState | null {
    if (!fs.existsSync(this.file)) return null;
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as SnapshotState;
  }

  write(state: SnapshotState): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(state, null, 2));
    fs.renameSync(temporary, this.file);
  }
}

import type { Admin } from 'kafkajs';

/**
 * Topics are made the first time a table has a change, with the broker's defaults
 * (num.partitions, default.replication.factor) — or found, if an operator created them first
 * with the partitions and settings they want (compaction, retention). Asking the broker once
 * per new name keeps the hot path free of admin requests.
 */
export class TopicCreator {
  private known: Set<string> | undefined;

  constructor(private readonly admin: Admin, private readonly report: (line: string) => void) {}

  async ensure(topics: Iterable<string>): Promise<void> {
    this.known ??= new Set(await this.admin.listTopics());
    const missing = [...topics].filter((topic) => !this.known!.has(topic));
    if (missing.length === 0) return;
    // false when another client created them meanwhile: just as good.
    await this.admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
    for (const topic of missing) {
      this.known.add(topic);
      this.report(`Created topic ${topic}`);
    }
  }
}

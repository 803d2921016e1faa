import type { Kafka } from 'kafkajs';
import { ConfigurationError } from '@cdc-lab/common';
import { explainKafkaError } from '../kafka/errors.ts';

export interface TailTarget {
  brokers: readonly string[];
  topicPrefix: string;
  /** Undefined: every topic under the prefix. */
  topic: string | undefined;
}

/**
 * The named topic, or every topic under the prefix; both must exist already. `lab` names the
 * command that runs the bridge, for the hint when there is nothing to tail yet.
 */
export async function topicsToTail(kafka: Kafka, target: TailTarget, lab = 'pnpm lab 4'): Promise<string[]> {
  const admin = kafka.admin();
  let existing: string[];
  try {
    await admin.connect();
    existing = await admin.listTopics();
  } catch (error) {
    throw explainKafkaError(error, target.brokers);
  } finally {
    await admin.disconnect().catch(() => {});
  }
  const underPrefix = existing.filter((topic) => topic.startsWith(`${target.topicPrefix}.`)).sort();
  if (target.topic !== undefined) {
    if (existing.includes(target.topic)) return [target.topic];
    throw new ConfigurationError(`topic ${target.topic} does not exist (yet)`, {
      hint: `the bridge creates a table's topic with its first change${underPrefix.length > 0 ? `; topics under ${target.topicPrefix}.: ${underPrefix.join(', ')}` : ''}`,
    });
  }
  if (underPrefix.length === 0) {
    throw new ConfigurationError(`no topics under ${target.topicPrefix}. yet`, {
      hint: `start the bridge (${lab}) and change a table: each table gets its topic with its first change; or name a topic: ${lab} tail <topic>`,
    });
  }
  return underPrefix;
}

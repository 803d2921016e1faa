import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBiteTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

registerBiteTests(grader, [
  {
    file: broken('non-transactional.ts'),
    why: 'produces events and position without a Kafka transaction',
    rejection: { stage: 'streams', message: /no commit markers/ },
  },
  {
    file: broken('no-skip.ts'),
    why: 'reads the position but does not skip what Kafka already has',
    rejection: { stage: 'resume-skips', message: /[1-9]\d* duplicated/ },
  },
  {
    file: broken('no-skip.ts'),
    why: 'does not skip what Kafka already has, killed thirty times',
    rejection: { stage: 'crash', message: /[1-9]\d* duplicated/ },
  },
  {
    file: broken('confirms-before-commit.ts'),
    why: 'confirms to the slot before the Kafka commit',
    rejection: { stage: 'confirm-after-commit', message: /the transaction is lost/ },
  },
  {
    file: broken('position-outside-transaction.ts'),
    why: 'commits the position in a Kafka transaction of its own, after the events',
    rejection: { stage: 'all-or-nothing', message: /the events were committed without their position/ },
  },
], { message: /TODO: .+ is not implemented yet/ });

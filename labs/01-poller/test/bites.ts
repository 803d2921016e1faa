import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (name: string) => fileURLToPath(new URL(`./broken/${name}.ts`, import.meta.url));

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('millisecond-bookmark'),
    why: 'keeps updated_at as a JavaScript Date (milliseconds only)',
    rejection: { stage: 'first-changes', message: /did not move the bookmark/ },
  },
  {
    file: broken('offset-paging'),
    why: 'pages with OFFSET by the count of rows read instead of a bookmark',
    rejection: { stage: 'deletes-unseen', message: /still running after the DELETE, to report the next insert User\(id=\d+, name='Eve'\) within/ },
  },
  {
    file: broken('no-update-trigger'),
    why: 'has no trigger to move updated_at on UPDATE',
    rejection: { stage: 'updates-merge', message: /UPDATE to move updated_at/ },
  },
  {
    file: broken('timestamp-only-bookmark'),
    why: 'compares updated_at alone in keyset mode',
    rejection: { stage: 'ties', message: /keyset poller to report all/ },
  },
  {
    file: broken('orders-id-as-text'),
    why: 'orders by id as text',
    rejection: { stage: 'ties', message: /keyset poller to report all/ },
  },
  {
    file: broken('rereads-from-beginning'),
    why: 'reads the whole table from the beginning on every poll',
    rejection: { stage: 'late-commit', message: /the keyset poller to miss User\(id=\d+, name='Late'\)/ },
  },
  {
    file: broken('ignores-lag'),
    why: 'ignores --lag',
    rejection: { stage: 'safety-lag', message: /with --lag 1000/ },
  },
  {
    file: broken('one-query-per-poll'),
    why: 'counts one query per poll, not per page',
    rejection: { stage: 'load', message: /in pages of 2 to report/ },
  },
  {
    file: broken('no-signal-handler'),
    why: 'does not handle SIGINT',
    rejection: { stage: 'clean-stop', message: /exit code 0 after Ctrl-C/ },
  },
  {
    file: broken('forgets-bookmark'),
    why: 'never saves its bookmark',
    rejection: { stage: 'restart', message: /only what changed while it was down/ },
  },
  {
    file: broken('saves-on-exit-only'),
    why: 'saves its bookmark only when it exits',
    rejection: { stage: 'crash', message: /bookmark file in CDC_STATE_DIR as soon as/ },
  },
  {
    file: broken('writes-in-place'),
    why: 'rewrites the bookmark file in place',
    rejection: { stage: 'crash', message: /rewritten in place/ },
  },
  {
    file: broken('one-bare-connection'),
    why: 'polls over one connection and never reconnects',
    rejection: { stage: 'reconnects', message: /after its connection was terminated/ },
  },
], { message: /TODO: .+ is not implemented yet/ });

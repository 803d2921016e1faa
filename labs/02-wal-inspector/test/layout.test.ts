import { registerLayoutTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

// parts.ts plugs the learner's functions into the reference program (see src/parts.ts).
registerLayoutTests(grader, { pluggingFiles: ['parts.ts'] });

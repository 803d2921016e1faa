import { registerLayoutTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

// steps.ts plugs the learner's functions into the reference program (see src/steps.ts).
registerLayoutTests(grader, { pluggingFiles: ['steps.ts'] });

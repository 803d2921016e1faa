import { registerLayoutTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

registerLayoutTests(grader);

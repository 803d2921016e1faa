import { registerGrader } from '@cdc-lab/grading';
import { grader } from './grader.ts';

registerGrader(grader);

import { registerPythonTrack } from '@cdc-lab/grading';
import { grader } from './grader.ts';

registerPythonTrack(grader);

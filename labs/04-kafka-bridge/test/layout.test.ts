import { registerLayoutTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

registerLayoutTests(grader, {
  exerciseFiles: ['envelope/records.ts', 'envelope/row-key.ts', 'envelope/shape.ts', 'envelope/source.ts', 'kafka/produce-batch.ts', 'pgoutput/tuple-data.ts', 'position/acknowledger.ts', 'produce/pipeline.ts'],
  minimumCitations: 11,
});

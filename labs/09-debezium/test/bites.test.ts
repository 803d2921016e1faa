import { registerBiteTests } from '@cdc-lab/grading';
import { bites } from './bites.ts';

registerBiteTests(bites);

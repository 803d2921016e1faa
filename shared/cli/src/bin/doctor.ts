import { runMain } from '@cdc-lab/common';
import { doctorCommand } from '../commands/doctor.ts';

await runMain(() => doctorCommand());

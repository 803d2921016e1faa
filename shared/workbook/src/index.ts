export { findLab, loadManifest, manifestPath, type Exercise, type Lab, type LabStatus } from './manifest.ts';
export { COMMAND_VARIABLE, TARGET_VARIABLE, fileTarget, programTarget, resolveTarget, splitCommand, typescriptRunner, type Target } from './target.ts';
export { progressFile, readProgress, recordOutcomes, firstStageNotPassed, labPassed, tierCounts, type LabRecord, type ProgressRecord, type StageRecord } from './progress.ts';
export { linesToWrite, referenceBody, referenceFileOf, type ReferenceBody } from './exercise-bodies.ts';
export { fencedBlocks, misfencedSql, runnableSql, type FencedBlock } from './chapter-sql.ts';

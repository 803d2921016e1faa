export { findLab, loadManifest, manifestPath, type Exercise, type Lab, type LabStatus, type PythonExercise, type PythonTrack } from './manifest.ts';
export { exercisesIn, LANGUAGE_VARIABLE, LANGUAGES, languageName, languageOf, parseLanguage, pythonEnvironment, pythonInterpreter, pythonLabs, requirePython, requireTrack, type Language } from './language.ts';
export { COMMAND_VARIABLE, TARGET_VARIABLE, fileTarget, programTarget, pythonTarget, resolveTarget, splitCommand, typescriptRunner, type Target } from './target.ts';
export { progressFile, readProgress, recordOutcomes, firstStageNotPassed, labPassed, tierCounts, type LabRecord, type ProgressRecord, type StageRecord } from './progress.ts';
export { linesToWrite, referenceBody, referenceFileOf, type ReferenceBody } from './exercise-bodies.ts';
export { fencedBlocks, misfencedSql, runnableSql, type FencedBlock } from './chapter-sql.ts';
export { pythonCommentsOf, pythonLinesToWrite, pythonReferenceBody, pythonReferenceFileOf, pythonTodoSteps } from './python-bodies.ts';

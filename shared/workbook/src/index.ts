export { findLab, loadManifest, manifestPath, type Lab, type LabStatus } from './manifest.ts';
export { COMMAND_VARIABLE, TARGET_VARIABLE, fileTarget, programTarget, resolveTarget, splitCommand, typescriptRunner, type Target } from './target.ts';

// The worker side of diffs and three-way merges (diffs.ts): file sets in, core/diff's answer
// out. Pure and bounded by core/diff's limits; no I/O.
import {
  diffFileSets,
  mergeFileSets,
  type DiffFileSetsOptions,
  type FileSetDiff,
  type FileSetMerge,
  type GeneratedFile,
  type MergeFileSetsInput,
  type MergeFileSetsOptions,
} from '../../core/diff/index.js';
import { installNativeSha256 } from '../lib/native-hash.js';

// A file too large to diff is reported with its sha256: node:crypto's, not the portable one.
installNativeSha256();

export type DiffTask =
  | { op: 'diff'; oldFiles: GeneratedFile[]; newFiles: GeneratedFile[]; options: DiffFileSetsOptions }
  | { op: 'merge'; input: MergeFileSetsInput; options: MergeFileSetsOptions };

export type DiffAnswer = FileSetDiff | FileSetMerge;

export default function diffInWorker(task: DiffTask): DiffAnswer {
  return task.op === 'diff'
    ? diffFileSets(task.oldFiles, task.newFiles, task.options)
    : mergeFileSets(task.input, task.options);
}

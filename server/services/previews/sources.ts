// What a preview page renders: one side per version (a compare page has two), each with its
// files, the model of its variants and the modes to render them in.
import type { PreviewModel } from '../../../core/codegen/preview-model.js';

export interface SourceFile {
  readonly path: string;
  readonly content: string;
}

export interface PreviewMode {
  /** Figma's mode name: `data-mode` */
  readonly name: string;
  /** its `[data-theme]` value as tokens.css writes it; null renders the defaults (`:root`) */
  readonly theme: string | null;
}

export interface PreviewSide {
  readonly versionId: string;
  /** "Before", "After"; null on a single version's page */
  readonly label: string | null;
  readonly model: PreviewModel;
  readonly modes: readonly PreviewMode[];
  /** the version's own files */
  readonly files: readonly SourceFile[];
  /**
   * Other project components its files import (`../Icon/Icon`), by directory name: their
   * current published (else latest) version's files, or null when the project has none.
   */
  readonly dependencies: ReadonlyMap<string, readonly SourceFile[] | null>;
}

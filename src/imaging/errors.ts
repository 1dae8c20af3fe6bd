/**
 * Imaging input errors: one vocabulary, data not prose (STYLE.md). `path` names the file and the
 * header field or DICOM attribute at fault; `message` says what was found and the likely slip.
 */
export type ImagingErrorCode =
  | "not-a-segmentation"
  | "truncated"
  | "unsupported"
  | "not-a-label-map"
  | "geometry"
  | "not-axial"
  | "mismatch"
  | "labels"
  | "pacs";

export interface ImagingError {
  readonly path: string;
  readonly code: ImagingErrorCode;
  readonly message: string;
}

/** Thrown inside the readers; caught by {@link imagingResult} and returned as data. */
export class ImagingFailure extends Error {
  readonly error: ImagingError;
  constructor(path: string, code: ImagingErrorCode, message: string) {
    super(message);
    this.error = { path, code, message };
  }
}

export type ImagingResult<T> =
  | { readonly status: "ok"; readonly value: T }
  | { readonly status: "invalid"; readonly errors: readonly ImagingError[] };

/** Runs `f`, turning an {@link ImagingFailure} into an `invalid` result (other errors propagate). */
export function imagingResult<T>(f: () => T): ImagingResult<T> {
  try {
    return { status: "ok", value: f() };
  } catch (e) {
    if (e instanceof ImagingFailure) return { status: "invalid", errors: [e.error] };
    throw e;
  }
}

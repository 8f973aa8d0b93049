import { codeEnum, type CodesOf } from '../common/code-enum';

/** Refusals of the operator helpers (K9): note templates. */
export const OperatorHelpersErrorCode = codeEnum(
  /** No note template of that id in the organization. */
  'NOTE_TEMPLATE_NOT_FOUND',
  /** The organization has a note template of that name already (names compare case-insensitively). */
  'NOTE_TEMPLATE_NAME_TAKEN',
);
export type OperatorHelpersErrorCode = CodesOf<typeof OperatorHelpersErrorCode>;

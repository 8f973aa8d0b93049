import type { ProblemFieldError } from '@santral/contracts';

/** A policy error in the problem+json shape: `field` is a dotted path into the policy (`windows.0.end`). */
export type FieldError = ProblemFieldError;

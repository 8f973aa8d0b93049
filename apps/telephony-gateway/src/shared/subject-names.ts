import { TelephonySubjects, withPrefix } from '@santral/contracts';

export type TelephonySubjectKey = keyof typeof TelephonySubjects;

/** The JetStream subjects this service uses, with the configured prefix (empty in production). */
export class SubjectNames {
  constructor(readonly prefix: string) {}

  of(key: TelephonySubjectKey): string {
    return withPrefix(this.prefix || undefined, TelephonySubjects[key]);
  }
}

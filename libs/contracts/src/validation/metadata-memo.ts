import { getMetadataStorage } from 'class-validator';
// Not exported by the package's index; the same module its validator uses (no "exports" map, so the path is public enough).
const { ConstraintMetadata } = require('class-validator/cjs/metadata/ConstraintMetadata') as { ConstraintMetadata: { prototype: object } };

type Target = Function | string;
type Lookup = (target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];

interface Storage {
  getTargetValidationMetadatas: Lookup;
  addValidationMetadata: (metadata: unknown) => void;
  santralMemo?: true;
}

/**
 * class-validator looks up a class's rules on every validation by walking every class it knows
 * (an `instanceof` per class, for inherited rules): with the hundreds of DTOs and contracts a
 * service loads, that walk was the largest single cost of validating a small payload
 * (bench/lookup.ts: 5 % of the gateway's CPU). The answer only changes when a rule is added, so
 * it is kept per class and options and dropped whenever one is. Installed once per process, on
 * class-validator's global storage (the one Nest's ValidationPipe uses too).
 */
export function memoizeValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Storage;
  if (storage.santralMemo) return;
  storage.santralMemo = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let known = new Map<Target, Map<string, unknown[]>>();
  // addValidationSchema adds through this too (`this.addValidationMetadata`).
  storage.addValidationMetadata = (metadata) => {
    known = new Map();
    add(metadata);
  };
  memoizeConstraintInstances();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = known.get(target);
    if (!byOptions) known.set(target, (byOptions = new Map()));
    let rules = byOptions.get(options);
    if (!rules) byOptions.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}

/**
 * Every rule built on `ValidateBy` (Matches, IsUUID, … and ours) is its own constraint class, and
 * class-validator fetches the rule's validator instance on every check of every value by a linear
 * search of its container over all of them (hundreds here): 0.45 µs per E.164 of a 5,000-number
 * DNC check, a tenth of the import's DNC cost. The container answers one instance per class for
 * good (no container of our own is installed), so each rule keeps the one it got.
 */
function memoizeConstraintInstances(): void {
  const proto = ConstraintMetadata.prototype;
  const fetch = Object.getOwnPropertyDescriptor(proto, 'instance')?.get;
  if (!fetch) return; // a class-validator that changed shape: left as it is
  const instances = new WeakMap<object, unknown>();
  Object.defineProperty(proto, 'instance', {
    configurable: true,
    get(this: object) {
      let instance = instances.get(this);
      if (instance === undefined) instances.set(this, (instance = fetch.call(this)));
      return instance;
    },
  });
}

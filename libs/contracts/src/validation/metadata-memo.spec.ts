import { getMetadataStorage, IsInt, IsOptional, IsString, Matches, Min, useContainer, validateSync, ValidateBy } from 'class-validator';
import { memoizeValidationMetadata } from './metadata-memo';

class Base {
  @IsString() name!: string;
}

class Child extends Base {
  @IsInt() @Min(1) count!: number;
  @IsOptional() @IsString({ groups: ['strict'] }) note?: string;
}

describe('memoizeValidationMetadata', () => {
  const storage = getMetadataStorage();
  const rules = (target: Function, groups?: string[]) =>
    storage.getTargetValidationMetadatas(target, '', false, false, groups).map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort();

  it('answers what class-validator answers, per class and groups, inherited rules included, from the second call on without the walk', () => {
    memoizeValidationMetadata();
    memoizeValidationMetadata(); // once per process, however often it is called
    expect(rules(Child)).toEqual(rules(Child));
    expect(rules(Child)).toEqual(expect.arrayContaining(['count:isInt', 'count:min', 'name:isString']));
    expect(rules(Child, ['strict'])).not.toEqual(rules(Child));
    expect(rules(Base)).toEqual(['name:isString']);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(storage.getTargetValidationMetadatas(Child, '', false, false));
    const c = Object.assign(new Child(), { name: 'x', count: 0 });
    expect(validateSync(c).map((e) => e.property)).toEqual(['count']);
  });

  it('a rule added later (a class decorated after the first validation) is seen', () => {
    memoizeValidationMetadata();
    class Later {
      @IsString() first!: string;
    }
    expect(validateSync(Object.assign(new Later(), { first: 1 })).map((e) => e.property)).toEqual(['first']);
    // A subclass declared now brings its own rules and sees its parent's.
    class LaterChild extends Later {
      @IsInt() second!: number;
    }
    expect(validateSync(Object.assign(new LaterChild(), { first: 'ok', second: 'no' })).map((e) => e.property)).toEqual(['second']);
    IsString()(Later.prototype, 'third'); // a rule added to a class already validated
    expect(validateSync(Object.assign(new Later(), { first: 'ok', third: 3 })).map((e) => e.property)).toEqual(['third']);
  });

  it("a rule's validator is fetched once, not on every value (each of a 5,000-item array)", () => {
    memoizeValidationMetadata();
    let made = 0;
    class Counted {
      @ValidateBy({ name: 'countedRule', validator: { validate: (v: unknown) => { made++; return v !== 'bad'; } } }, { each: true })
      items!: string[];

      @Matches(/^\+\d+$/, { each: true })
      numbers!: string[];
    }
    // A container that only counts how often a rule's validator is asked for (then class-validator's own answers).
    let asked = 0;
    useContainer({ get: () => void asked++ }, { fallback: true });
    const ok = Object.assign(new Counted(), { items: Array.from({ length: 5000 }, () => 'ok'), numbers: ['+90', '+1'] });
    try {
      expect(validateSync(ok)).toEqual([]);
      expect(made).toBe(5000);
      expect(asked).toBeLessThan(10); // once per rule and a few lookups of its own, not once per value (5,000+)
      expect(validateSync(Object.assign(new Counted(), { items: ['ok', 'bad'], numbers: ['+90', '90'] })).map((e) => e.property)).toEqual(['items', 'numbers']);
    } finally {
      useContainer(undefined as never);
    }
  });
});

import { getMetadataStorage, IsInt, IsOptional, IsString, Min, validateSync } from 'class-validator';
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
});

export * from './validation';
export * from './problem-details.dto';
export * from './problem-details.filter';
export * from './to-domain-error';
export * from './input-rule.hook';

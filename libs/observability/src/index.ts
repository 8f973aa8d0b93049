export * from './correlation';
export * from './metrics';
export * from './health';
export * from './logging';
export * from './http-metrics.hook';
export * from './bootstrap';

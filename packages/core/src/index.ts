export * from './directory/beijing.ts';
export * from './directory/directory.ts';
export * from './directory/model.ts';
export * from './plan/errors.ts';
export * from './plan/model.ts';
export * from './plan/parse.ts';
export * from './seeds.ts';
export * from './text/normalize.ts';

import pkg from '../package.json' with { type: 'json' };

export const polderVersion: string = pkg.version;

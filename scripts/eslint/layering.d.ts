import type { Rule } from 'eslint';

export interface Layer {
  files: string;
  label: string;
  why?: string;
  imports: string[];
  types?: string[];
  packages: string[];
  node?: boolean;
}

export const layers: Layer[];
export function layerOf(absoluteFile: string): Layer | null;
export function layeringViolation(fromFile: string, specifier: string, typeOnly: boolean): string | null;
export const layeringRule: Rule.RuleModule;

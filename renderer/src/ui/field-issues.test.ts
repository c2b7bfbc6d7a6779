import { describe, expect, it } from 'vitest';
import { opsMethods, textLimits } from '../../../native/api/ops.ts';
import { fieldErrors } from './field-issues.ts';

const labels = { title: 'Title', lon: 'Longitude', lat: 'Latitude', description: 'Description' };
const areaField = (path: readonly PropertyKey[]) => (path[0] === 'area' ? (path[2] === 1 ? 'lat' : 'lon') : String(path[0]));
const raise = (over: Record<string, unknown>) =>
  opsMethods['alerts.raise'].args.safeParse({ title: 'Flooded road', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', source: 'field', ...over });

describe('fieldErrors', () => {
  it('says a bad longitude is not a number, next to the longitude', () => {
    const result = raise({ area: { type: 'Point', coordinates: [Number('abc'), -32.9] } });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!.issues, labels, areaField)).toEqual({ lon: 'Longitude must be a number, like 151.75.' });
  });

  it('refuses a blank title and an over-long description in words', () => {
    const result = raise({ title: '   ', description: 'x'.repeat(textLimits.description + 1) });
    expect(fieldErrors(result.error!.issues, labels)).toEqual({
      title: 'Title cannot be empty or only spaces.',
      description: `Description is too long: at most ${textLimits.description} characters.`,
    });
  });

  it('names a latitude beyond the pole', () => {
    const result = raise({ area: { type: 'Point', coordinates: [151.7, -95] } });
    expect(fieldErrors(result.error!.issues, labels, areaField)).toEqual({ lat: 'Latitude must be at least -90.' });
  });
});

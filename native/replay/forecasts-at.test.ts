import { describe, expect, it } from 'vitest';
import type { Recording } from '../record/format.ts';
import { forecastMoments, forecastRowsAt } from './forecasts-at.ts';

const forecast = { id: 'fc-1', requested_at: 1000, state: 'completed', ended_at: 2000, error: null, wall_seconds: 12, impacts: '[]', alerts: '[]', end_seconds: 3600 };
const recommendation = { id: 'rec-1', forecast_id: 'fc-1', created_at: 2000, status: 'approved', decided_by: 'eoc-lead', decided_at: 3000, reason: 'go', task_id: 'task-1' };
const rec = { forecasts: [forecast], recommendations: [recommendation] } as unknown as Recording;

describe('forecasts at a replay time', () => {
  it('shows a forecast once requested, running until it ended, and its recommendation a draft until decided', () => {
    expect(forecastRowsAt(rec, 999)).toEqual({ forecasts: [], recommendations: [] });
    expect(forecastRowsAt(rec, 1500)).toEqual({
      forecasts: [{ ...forecast, state: 'running', ended_at: null, error: null, wall_seconds: null, impacts: null, alerts: null }],
      recommendations: [],
    });
    expect(forecastRowsAt(rec, 2500)).toEqual({ forecasts: [forecast], recommendations: [{ ...recommendation, status: 'draft', decided_by: null, decided_at: null, reason: null, task_id: null }] });
    expect(forecastRowsAt(rec, 3000)).toEqual({ forecasts: [forecast], recommendations: [recommendation] });
    expect(forecastMoments(rec)).toEqual([1000, 2000, 2000, 3000]);
  });
});

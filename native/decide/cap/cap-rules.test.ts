import { describe, expect, it } from 'vitest';
import type { CapMessage } from './cap-message.ts';
import { capDateTime } from './cap-message.ts';
import { capRuleReasons } from './cap-rules.ts';

const message = (change: Partial<CapMessage> = {}, area: Partial<CapMessage['infos'][number]['areas'][number]> = {}): CapMessage => ({
  identifier: 'a-1',
  sender: 'dev@polder',
  sent: '2007-06-08T12:00:00-00:00',
  status: 'Exercise',
  msgType: 'Alert',
  source: null,
  scope: 'Public',
  restriction: null,
  addresses: null,
  note: null,
  references: [],
  incidents: null,
  infos: [
    {
      language: 'en',
      categories: ['Met'],
      event: 'Flood',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      senderName: null,
      headline: null,
      description: null,
      instruction: null,
      parameters: [],
      areas: [{ areaDesc: 'Merewether', polygons: [[[-32.94, 151.74], [-32.94, 151.75], [-32.95, 151.75], [-32.94, 151.74]]], circles: [], ...area }],
    },
  ],
  ...change,
});

describe('the CAP 1.2 prose rules', () => {
  it('pass a message that keeps them', () => {
    expect(capRuleReasons(message())).toEqual([]);
    expect(capDateTime(Date.UTC(2007, 5, 8, 12, 0, 0, 999))).toBe('2007-06-08T12:00:00-00:00');
  });

  it('name each broken one', () => {
    expect(capRuleReasons(message({ identifier: 'a 1', sender: 'x,y' }))).toEqual(['identifier "a 1" must not contain spaces, commas, < or &', 'sender "x,y" must not contain spaces, commas, < or &']);
    expect(capRuleReasons(message({ sent: '2007-06-08T12:00:00+00:00' }))).toEqual(['sent "2007-06-08T12:00:00+00:00" writes UTC as +00:00; CAP 1.2 requires -00:00']);
    expect(capRuleReasons(message({ scope: 'Restricted' }))).toEqual(['scope is Restricted but there is no <restriction> saying who may see it']);
    expect(capRuleReasons(message({ msgType: 'Cancel' }))).toEqual(['a Cancel message must name the earlier message(s) it refers to in <references>']);
    expect(capRuleReasons(message({ msgType: 'Update', references: [{ sender: 'dev@polder', identifier: 'a-1', sent: 'yesterday' }] }))).toEqual([
      'reference 1 (dev@polder,a-1,yesterday) sent "yesterday" is not a CAP date and time like 2007-06-08T12:00:00-00:00',
      'reference 1 (dev@polder,a-1,yesterday) refers to the message itself',
    ]);
  });

  it('check polygons and circles: closed, four points, latitude first and within range', () => {
    expect(capRuleReasons(message({}, { polygons: [[[-32.94, 151.74], [-32.94, 151.75], [-32.95, 151.75]]] }))).toEqual([
      'info 1 area 1 polygon 1 has 3 points; a CAP polygon needs at least 4, the first repeated last',
      'info 1 area 1 polygon 1 is not closed: its first point -32.94,151.74 differs from its last -32.95,151.75',
    ]);
    expect(capRuleReasons(message({}, { polygons: [[[151.74, -32.94], [151.75, -32.94], [151.75, -32.95], [151.74, -32.94]]] }))).toEqual(['info 1 area 1 polygon 1: 151.74,-32.94 looks like longitude,latitude; CAP (WGS 84) writes latitude first']);
    expect(capRuleReasons(message({}, { polygons: [], circles: [{ center: [-32.94, 191], radiusKm: -1 }] }))).toEqual(['info 1 area 1 circle 1: longitude 191 is outside -180..180', 'info 1 area 1 circle 1 has a negative radius']);
  });
});

import { describe, expect, it } from 'vitest';
import { capFeedConfigFrom } from './cap-feed-flags.ts';

const sync = { brokers: ['mqtt://127.0.0.1:1883', 'mqtt://backup:1883'], org: 'polder' };

describe('--cap-topic and --cap-as', () => {
  it('take CAP through the brokers sync uses, as the named person', () => {
    expect(capFeedConfigFrom({ 'cap-topic': 'cap/alerts/#', 'cap-as': 'eoc-lead' }, sync)).toEqual({ brokers: sync.brokers, topic: 'cap/alerts/#', actorId: 'eoc-lead' });
    expect(capFeedConfigFrom({}, sync)).toBeUndefined();
    expect(capFeedConfigFrom({}, sync, { POLDER_CAP_TOPIC: 'cap/#', POLDER_CAP_AS: 'fire-lead' })).toMatchObject({ topic: 'cap/#', actorId: 'fire-lead' });
  });

  it('say what is missing', () => {
    expect(() => capFeedConfigFrom({ 'cap-topic': 'cap/#' }, undefined)).toThrow('--cap-topic needs a broker');
    expect(() => capFeedConfigFrom({ 'cap-topic': 'cap/#' }, sync)).toThrow('--cap-topic needs --cap-as <person id>');
    expect(() => capFeedConfigFrom({ 'cap-as': 'eoc-lead' }, sync)).toThrow('--cap-as needs --cap-topic');
  });
});

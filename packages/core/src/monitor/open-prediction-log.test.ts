import { describe, expect, it } from 'vitest';
import { parsePredictionLogUrl } from './open-prediction-log.js';

describe('parsePredictionLogUrl', () => {
  it('reads the three kinds of location', () => {
    expect(parsePredictionLogUrl('sqlite:logs/p.db', '/srv')).toEqual({
      kind: 'sqlite',
      path: '/srv/logs/p.db',
    });
    expect(parsePredictionLogUrl('sqlite:///var/p.db', '/srv')).toEqual({
      kind: 'sqlite',
      path: '/var/p.db',
    });
    expect(parsePredictionLogUrl('postgres://u:p@db:5432/vigie', '/')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/vigie',
    });
    expect(parsePredictionLogUrl('nats://127.0.0.1:4222/predictions', '/')).toEqual({
      kind: 'nats',
      servers: 'nats://127.0.0.1:4222',
      stream: 'predictions',
    });
    expect(parsePredictionLogUrl('nats://svc:secret@nats:4222/PRED_LOG-1', '/')).toEqual({
      kind: 'nats',
      servers: 'nats://svc:secret@nats:4222',
      stream: 'PRED_LOG-1',
    });
  });

  it('refuses anything else in one line, without the password', () => {
    for (const bad of ['sqlite:', 'nats://h:4222', 'nats://h:4222/a.b', 'mysql://db/x', 'predictions.db'])
      expect(() => parsePredictionLogUrl(bad, '/')).toThrow(
        /is not a prediction log location: write sqlite:PATH/,
      );
    expect(() => parsePredictionLogUrl('nats://u:hunter2@h:4222/', '/')).toThrow(/u:\*\*\*@h/);
  });
});

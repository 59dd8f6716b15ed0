import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatheredLogDestination } from './request-log.js';

describe('gathered log destination', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the lines together after a delay, at once past a size, and errors at once with what waits before them', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const logs = gatheredLogDestination((text) => written.push(text), { delayMs: 200, maxBytes: 100 });
    logs.write('{"level":30,"msg":"request"}\n');
    logs.write('{"level":30,"msg":"request"}\n');
    expect(written).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(written).toEqual(['{"level":30,"msg":"request"}\n{"level":30,"msg":"request"}\n']);
    logs.write('{"level":40,"msg":"attention"}\n');
    logs.write('{"level":50,"msg":"erreur"}\n');
    expect(written[1]).toBe('{"level":40,"msg":"attention"}\n{"level":50,"msg":"erreur"}\n');
    logs.write(`{"level":30,"msg":"${'x'.repeat(120)}"}\n`);
    expect(written).toHaveLength(3);
    logs.write('{"level":30,"msg":"dernière"}\n');
    logs.flush();
    expect(written[3]).toBe('{"level":30,"msg":"dernière"}\n');
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(4);
  });
});

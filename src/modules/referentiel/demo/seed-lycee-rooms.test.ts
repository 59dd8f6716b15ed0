import { describe, expect, it } from 'vitest';
import { estimatedPupils, planLyceeRooms, type PlannedRoom } from './seed-lycee-rooms.js';

const count = (rooms: PlannedRoom[], kind: PlannedRoom['kind']) => rooms.filter((r) => r.kind === kind).length;

describe('the demo lycées’ premises', () => {
  it('sizes a lycée from its baccalauréat candidates, the estimate the steering shows', () => {
    expect(estimatedPupils([{ uai: '0590018Z', type: 'GT', presents: 207 }])).toBe(621);
    expect(estimatedPupils([{ uai: '0590018Z', type: 'GT', presents: 207 }, { uai: '0590018Z', type: 'Pro', presents: 93 }])).toBe(900);
    expect(estimatedPupils([{ uai: '0590018Z', type: 'GT', presents: null }])).toBe(600);
  });

  it('gives a general lycée classrooms by division and labs, a vocational one workshops; offices never count as teaching', () => {
    const general = planLyceeRooms('0590018Z', [{ uai: '0590018Z', type: 'GT', presents: 280 }]);
    expect(count(general, 'classroom')).toBe(30);
    expect(count(general, 'lab')).toBe(5);
    expect(count(general, 'workshop')).toBe(0);
    expect(count(general, 'cdi')).toBe(1);
    expect(count(general, 'office')).toBe(3);
    const vocational = planLyceeRooms('0590018Z', [{ uai: '0590018Z', type: 'Pro', presents: 60 }]);
    expect(count(vocational, 'classroom')).toBe(8);
    expect(count(vocational, 'workshop')).toBeGreaterThanOrEqual(3);
    // names are unique within a lycée and a room always has its building
    for (const plan of [general, vocational]) {
      expect(new Set(plan.map((r) => `${r.building}/${r.name}`)).size).toBe(plan.length);
      expect(plan.every((r) => r.building.length > 0)).toBe(true);
    }
  });

  it('is the same at every start (no randomness), and a bigger lycée gets more rooms', () => {
    const lines = [{ uai: '0620108L', type: 'GT', presents: 150 }];
    expect(planLyceeRooms('0620108L', lines)).toEqual(planLyceeRooms('0620108L', lines));
    expect(planLyceeRooms('0620108L', [{ uai: '0620108L', type: 'GT', presents: 400 }]).length).toBeGreaterThan(planLyceeRooms('0620108L', lines).length);
  });
});

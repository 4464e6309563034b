import { describe, expect, it } from 'vitest';
import { applyTransition, defineTransitions } from './transitions.js';

const light = defineTransitions('light', ['red', 'green'] as const, ['go', 'stop'] as const, [
  { from: 'red', action: 'go', to: 'green', statute: 'traffic §1' },
  { from: 'green', action: 'stop', to: 'red' },
]);

describe('transition tables', () => {
  it('answers the cell of a state and an action', () => {
    expect(light.find('red', 'go')).toEqual({
      from: 'red',
      action: 'go',
      to: 'green',
      statute: 'traffic §1',
    });
    expect(light.find('red', 'stop')).toBeNull();
    expect(light.sourcesOf('stop')).toEqual(['green']);
  });

  it('applies a step or throws the refusal the aggregate gives', () => {
    expect(applyTransition(light, 'green', 'stop', () => new Error('no')).to).toBe('red');
    expect(() => applyTransition(light, 'green', 'go', (f, a) => new Error(`${f}×${a}`))).toThrow('green×go');
  });

  it('refuses a table with two answers for one cell or unknown names', () => {
    const states = ['a', 'b'] as const;
    const actions = ['x'] as const;
    expect(() =>
      defineTransitions('t', states, actions, [
        { from: 'a', action: 'x', to: 'b' },
        { from: 'a', action: 'x', to: 'a' },
      ]),
    ).toThrow('two transitions for a × x');
    expect(() =>
      defineTransitions('t', states, actions, [{ from: 'a', action: 'x', to: 'c' as 'a' }]),
    ).toThrow('unknown state');
    expect(() =>
      defineTransitions('t', states, actions, [{ from: 'a', action: 'y' as 'x', to: 'b' }]),
    ).toThrow('unknown action');
  });
});

import { ConstructState } from './state';

describe('ConstructState', () => {
  const render = (s: { n: number }) => {
    if (s.n < 0) throw new Error(`n must be ≥ 0, got ${s.n}`);
    return `n=${s.n}`;
  };

  test('keeps what validating rendered, for the state it commits', () => {
    const state = new ConstructState({ n: 1 }, render);
    expect(state.rendered).toBe('n=1');
    state.update((s) => ({ n: s.n + 1 }));
    expect(state.value).toEqual({ n: 2 });
    expect(state.rendered).toBe('n=2');
  });

  test('a rejected change keeps both the state and its rendering', () => {
    const state = new ConstructState({ n: 1 }, render);
    expect(() => state.update(() => ({ n: -1 }))).toThrow('n must be ≥ 0, got -1');
    expect(state.value).toEqual({ n: 1 });
    expect(state.rendered).toBe('n=1');
  });

  test('a failing effect rejects the change too', () => {
    const state = new ConstructState({ n: 1 }, render);
    expect(() => state.update(() => ({ n: 5 }), () => { throw new Error('effect failed'); })).toThrow('effect failed');
    expect(state.rendered).toBe('n=1');
  });

  test('invalid initial state throws at construction', () => {
    expect(() => new ConstructState({ n: -2 }, render)).toThrow('got -2');
  });
});

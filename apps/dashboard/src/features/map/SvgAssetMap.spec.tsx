import { spreadColocated } from './SvgAssetMap';

describe('spreadColocated', () => {
  it('moves markers that share a spot apart, so each can be clicked, and leaves lone ones alone', () => {
    const markers = [
      { id: 1, point: { x: 100, y: 100 } },
      { id: 2, point: { x: 100.4, y: 100.2 } },
      { id: 3, point: { x: 100, y: 100 } },
      { id: 4, point: { x: 300, y: 200 } },
    ];
    const spread = spreadColocated(markers);
    expect(spread[3].point).toEqual({ x: 300, y: 200 });
    const moved = spread.slice(0, 3).map(({ point }) => point);
    for (let a = 0; a < moved.length; a++) {
      for (let b = a + 1; b < moved.length; b++) {
        expect(Math.hypot(moved[a].x - moved[b].x, moved[a].y - moved[b].y)).toBeGreaterThanOrEqual(22);
      }
      expect(Math.hypot(moved[a].x - 100, moved[a].y - 100)).toBeLessThan(30);
    }
  });
});

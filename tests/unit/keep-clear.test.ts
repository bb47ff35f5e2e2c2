import { describe, expect, it } from 'vitest';
import { edgeSquares, squaresOver } from '@/components/map-keep-clear';

describe('room kept clear of names', () => {
  it('covers a control’s box with squares of its short side, the last flush with its far edge', () => {
    // the zoom buttons: 29 wide, 58 tall
    expect(squaresOver({ x: 10, y: 10, w: 29, h: 58 })).toEqual([
      { cx: 24.5, cy: 24.5, side: 29 },
      { cx: 24.5, cy: 53.5, side: 29 },
    ]);
    // the locator inset: 90 wide, 80 tall; the second square ends at its right edge
    expect(squaresOver({ x: 0, y: 0, w: 90, h: 80 })).toEqual([
      { cx: 40, cy: 40, side: 80 },
      { cx: 50, cy: 40, side: 80 },
    ]);
    expect(squaresOver({ x: 0, y: 0, w: 0, h: 20 })).toEqual([]);
  });

  it('lines the frame’s four edges with squares astride them, corners included', () => {
    const squares = edgeSquares(120, 60);
    const onEdge = (q: { cx: number; cy: number }) => q.cx === 0 || q.cx === 120 || q.cy === 0 || q.cy === 60;
    expect(squares.every(onEdge)).toBe(true);
    // no gap wider than a square along any edge
    const top = squares.filter((q) => q.cy === 0).map((q) => q.cx);
    expect(Math.min(...top)).toBeLessThanOrEqual(6);
    expect(Math.max(...top)).toBeGreaterThanOrEqual(114);
    const left = squares.filter((q) => q.cx === 0).map((q) => q.cy);
    expect(Math.max(...left)).toBeGreaterThanOrEqual(54);
  });
});

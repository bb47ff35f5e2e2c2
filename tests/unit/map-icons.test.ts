import { describe, expect, it } from 'vitest';
import { discImage, discRadius } from '@/components/map-icons';
import { incidentRadiusPx, spread, spreadOffsetPx } from '@/geo/symbols';

describe('incident symbols', () => {
  it('sizes an incident by the square root of its highest death toll: 7 px for none, 10 for 4, 24 from 100', () => {
    expect([0, 4, 27, 100, 5000].map(incidentRadiusPx)).toEqual([7, 10, 16, 24, 24]);
  });

  it('draws a disc as a signed distance field: opaque inside, 0.75 at its edge, fading by 1/8 a pixel outward', () => {
    const img = discImage(10);
    // the disc and 4 px around it: the widest halo the map draws (3 px) and its smoothing
    expect(img.width).toBe(28);
    const alpha = (x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;
    expect(alpha(14, 14)).toBe(255);
    // 10 px from the centre is the edge (0.75); 3.5 px further the field is down to 0.31
    expect(Math.abs(alpha(24, 14) - 0.75 * 255)).toBeLessThan(20);
    expect(Math.abs(alpha(27, 14) - 0.3125 * 255)).toBeLessThan(3);
    expect(discRadius('disc-12')).toBe(12);
    expect(discRadius('disc-x')).toBeNull();
    expect(discRadius('marker-12')).toBeNull();
  });

  it('spreads the incidents sharing one point so that none overlaps another, and leaves alone those alone', () => {
    const items = [
      { id: 'a', key: 'nayrab', r: 7 },
      { id: 'b', key: 'nayrab', r: 18 },
      { id: 'c', key: 'gov', r: 7 },
      { id: 'd', key: 'gov', r: 16 },
      { id: 'e', key: 'gov', r: 16 },
      { id: 'f', key: 'qminas', r: 7 },
    ];
    const out = spread(items);
    expect(out.has('f')).toBe(false);
    for (const key of ['nayrab', 'gov']) {
      const group = items.filter((i) => i.key === key);
      const at = group.map((i) => ({ ...i, xy: spreadOffsetPx(out.get(i.id)?.dir, out.get(i.id)?.d) }));
      for (const p of at)
        for (const q of at) {
          if (p.id >= q.id) continue;
          const gap = Math.hypot(p.xy[0] - q.xy[0], p.xy[1] - q.xy[1]) - p.r - q.r;
          expect(gap, `${p.id}–${q.id}`).toBeGreaterThanOrEqual(0);
        }
    }
  });
});

/**
 * Still images come in a small fixed set of sizes: a request for any other size gets the nearest
 * one (its actual size is in the image and in the x-still-size header). So the images a server
 * can be asked to draw are few, each drawn once per view, language and store version, and a
 * flood of odd sizes cannot make it draw without end.
 */
export const STILL_WIDTHS = [320, 480, 640, 800, 1200, 2000] as const;
export const STILL_HEIGHTS = [240, 320, 420, 520, 630, 800, 1300, 2000] as const;
export const STILL_DEFAULT = { width: 800, height: 520 } as const;

export function nearest(sizes: readonly number[], asked: number): number {
  let best = sizes[0] ?? asked;
  for (const s of sizes) if (Math.abs(s - asked) < Math.abs(best - asked)) best = s;
  return best;
}

export function stillSize(w: number | undefined, h: number | undefined): { width: number; height: number } {
  return {
    width: w === undefined ? STILL_DEFAULT.width : nearest(STILL_WIDTHS, w),
    height: h === undefined ? STILL_DEFAULT.height : nearest(STILL_HEIGHTS, h),
  };
}

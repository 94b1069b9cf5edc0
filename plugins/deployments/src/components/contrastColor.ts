import {
  darken,
  decomposeColor,
  getContrastRatio,
  getLuminance,
  hslToRgb,
  lighten,
} from '@material-ui/core/styles';

/** The red, green and blue channels of any CSS colour MUI understands. */
function channels(color: string): number[] {
  const parsed = decomposeColor(color);
  const rgb = parsed.type.startsWith('hsl')
    ? decomposeColor(hslToRgb(color))
    : parsed;
  return rgb.values.slice(0, 3);
}

/** WCAG 2 AA for normal text (1.4.3); a hair above so rounding in the browser never drops below. */
export const READABLE_CONTRAST = 4.6;

/**
 * The colour as it shows over an opaque background: MUI's `rgba(0, 0, 0, 0.54)` text colours
 * are translucent, and `getContrastRatio` ignores the alpha channel.
 */
export function opaqueOver(color: string, background: string): string {
  const front = decomposeColor(color);
  const alpha = front.values[3] ?? 1;
  if (alpha >= 1) return color;
  const [fr, fg, fb] = channels(color);
  const [br, bg, bb] = channels(opaqueOver(background, '#fff'));
  const mix = (f: number, b: number) => Math.round(f * alpha + b * (1 - alpha));
  return `rgb(${mix(fr, br)}, ${mix(fg, bg)}, ${mix(fb, bb)})`;
}

/**
 * `color`, moved away from each background (darker on light ones, lighter on dark ones) in
 * small steps until it reaches `minRatio` against all of them: the theme's own hue, as little
 * changed as WCAG AA needs. A colour that already passes comes back unchanged.
 */
export function withContrast(
  color: string,
  backgrounds: string[],
  minRatio = READABLE_CONTRAST,
): string {
  const opaque = backgrounds.map(background => opaqueOver(background, '#fff'));
  const passes = (candidate: string) =>
    opaque.every(
      background =>
        getContrastRatio(opaqueOver(candidate, background), background) >=
        minRatio,
    );
  if (passes(color)) return color;
  const lightBackground = getLuminance(opaque[0]) > 0.5;
  let candidate = opaqueOver(color, opaque[0]);
  for (let step = 0; step < 20 && !passes(candidate); step++) {
    candidate = lightBackground
      ? darken(candidate, 0.05)
      : lighten(candidate, 0.05);
  }
  return candidate;
}

/**
 * Colours of a filled badge (a chip) on `background`: the theme's text colour that suits it
 * (`getContrastText`), with the background darkened or lightened until that text reaches
 * WCAG AA. MUI's `getContrastText` alone settles for 3:1, too little for 12px labels.
 */
export function filledBadgeColors(
  background: string,
  getContrastText: (background: string) => string,
): { backgroundColor: string; color: string } {
  const text = getContrastText(background);
  let fill = background;
  const ratio = (candidate: string) =>
    getContrastRatio(opaqueOver(text, candidate), candidate);
  const textIsLight = getLuminance(opaqueOver(text, background)) > 0.5;
  for (let step = 0; step < 20 && ratio(fill) < READABLE_CONTRAST; step++) {
    fill = textIsLight ? darken(fill, 0.05) : lighten(fill, 0.05);
  }
  return { backgroundColor: fill, color: text };
}

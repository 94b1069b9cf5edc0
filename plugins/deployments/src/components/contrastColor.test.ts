import { getContrastRatio } from '@material-ui/core/styles';
import {
  READABLE_CONTRAST,
  filledBadgeColors,
  opaqueOver,
  withContrast,
} from './contrastColor';

const white = '#fff';
const blackText = () => 'rgba(0, 0, 0, 0.87)';
const contrastText = (background: string) =>
  getContrastRatio(background, '#fff') >= 3 ? '#fff' : 'rgba(0, 0, 0, 0.87)';

describe('contrastColor', () => {
  it('blends a translucent colour over its background', () => {
    // MUI's default secondary text on Backstage's light page background.
    expect(opaqueOver('rgba(0, 0, 0, 0.54)', '#f5f5f5')).toBe(
      'rgb(113, 113, 113)',
    );
    expect(opaqueOver('#123456', '#f5f5f5')).toBe('#123456');
  });

  it('darkens secondary text until it reaches WCAG AA on the page background', () => {
    const color = withContrast('rgba(0, 0, 0, 0.54)', ['#f5f5f5', white]);
    expect(getContrastRatio(color, '#f5f5f5')).toBeGreaterThanOrEqual(
      READABLE_CONTRAST,
    );
    expect(getContrastRatio(color, white)).toBeGreaterThanOrEqual(
      READABLE_CONTRAST,
    );
  });

  it('leaves a colour that already passes as it is', () => {
    expect(withContrast('rgba(0, 0, 0, 0.87)', ['#f5f5f5'])).toBe(
      'rgba(0, 0, 0, 0.87)',
    );
  });

  it('lightens text on a dark background', () => {
    const color = withContrast('#555', ['#333']);
    expect(getContrastRatio(color, '#333')).toBeGreaterThanOrEqual(
      READABLE_CONTRAST,
    );
  });

  it.each([
    ['info', '#2196f3'],
    ['error', '#f44336'],
    ['success dark', '#388e3c'],
  ])('darkens a %s badge under white text to WCAG AA', (_name, background) => {
    const colors = filledBadgeColors(background, contrastText);
    expect(colors.color).toBe('#fff');
    expect(
      getContrastRatio(colors.color, colors.backgroundColor),
    ).toBeGreaterThanOrEqual(READABLE_CONTRAST);
  });

  it('keeps a light badge whose dark text already passes', () => {
    expect(filledBadgeColors('#4caf50', blackText)).toEqual({
      backgroundColor: '#4caf50',
      color: 'rgba(0, 0, 0, 0.87)',
    });
  });
});

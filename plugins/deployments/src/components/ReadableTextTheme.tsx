import { Theme, ThemeProvider, useTheme } from '@material-ui/core/styles';
import { PropsWithChildren, useMemo } from 'react';
import { withContrast } from './contrastColor';

/**
 * The surrounding theme with its secondary text colour made readable (WCAG AA, 4.5:1) on both
 * the page background and a card. MUI's `rgba(0, 0, 0, 0.54)` reads as #717171 on Backstage's
 * light page background, a contrast of 4.47: captions, helper texts, field labels and the lines
 * under a title fall just short. Every Shipgate page and tab renders inside this, so all
 * `color="textSecondary"` text, MUI labels and helper texts pass without a colour of their own;
 * a theme whose secondary colour already passes is left as it is.
 */
export function ReadableTextTheme({ children }: PropsWithChildren<{}>) {
  const outer = useTheme<Theme>();
  const theme = useMemo(() => {
    const { text, background } = outer.palette;
    const secondary = withContrast(text.secondary, [
      background.default,
      background.paper,
    ]);
    if (secondary === text.secondary) return outer;
    return {
      ...outer,
      palette: { ...outer.palette, text: { ...text, secondary } },
    };
  }, [outer]);
  return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}

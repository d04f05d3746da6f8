/**
 * Teams' text and background colours in its light and dark themes, for contrast checks. The figures
 * are Microsoft's own Teams host configs, `samples/HostConfig/microsoft-teams-light.json` and
 * `microsoft-teams-dark.json` in the microsoft/AdaptiveCards repository (what its designer shows as
 * "Microsoft Teams - Light/Dark"). Colours are `#RRGGBB` or `#AARRGGBB` (alpha first, as host
 * configs write them); subtle text is the colour at 75 % over the background.
 */

export type ThemeName = 'light' | 'dark';
export type TextColorName = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyleName = 'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning';

interface Foreground {
  default: string;
  subtle: string;
}
type Foregrounds = Record<TextColorName, Foreground>;

interface ContainerColours {
  background: string;
  foreground: Foregrounds;
}

export type Theme = Record<ContainerStyleName, ContainerColours>;

const LIGHT_TEXT: Foregrounds = {
  default: { default: '#ff252424', subtle: '#bf252424' },
  dark: { default: '#252424', subtle: '#bf252424' },
  light: { default: '#ffffff', subtle: '#fff3f2f1' },
  accent: { default: '#6264a7', subtle: '#8b8cc7' },
  good: { default: '#92c353', subtle: '#e592c353' },
  warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
  attention: { default: '#c4314b', subtle: '#e5c4314b' },
};

const DARK_TEXT: Foregrounds = {
  default: { default: '#ffffffff', subtle: '#bfffffff' },
  dark: { default: '#ff201f1f', subtle: '#ff2d2c2c' },
  light: { default: '#ffffffff', subtle: '#bfffffff' },
  accent: { default: '#ffa6a7dc', subtle: '#ff8b8cc7' },
  good: { default: '#ff92c353', subtle: '#e592c353' },
  warning: { default: '#fff8d22a', subtle: '#e5f8d22a' },
  attention: { default: '#ffd74654', subtle: '#e5d74654' },
};

/** In the dark theme the coloured containers keep their light backgrounds, with dark default text. */
const DARK_ON_LIGHT: Foregrounds = { ...DARK_TEXT, default: { default: '#ff201f1f', subtle: '#ff2d2c2c' } };

export const TEAMS_THEMES: Record<ThemeName, Theme> = {
  light: {
    default: { background: '#ffffff', foreground: LIGHT_TEXT },
    emphasis: { background: '#fff9f8f7', foreground: LIGHT_TEXT },
    accent: { background: '#C7DEF9', foreground: LIGHT_TEXT },
    good: { background: '#CCFFCC', foreground: LIGHT_TEXT },
    attention: { background: '#FFC5B2', foreground: LIGHT_TEXT },
    warning: { background: '#FFE2B2', foreground: LIGHT_TEXT },
  },
  dark: {
    default: { background: '#ff2d2c2c', foreground: DARK_TEXT },
    emphasis: { background: '#ff292828', foreground: DARK_TEXT },
    accent: { background: '#C7DEF9', foreground: DARK_ON_LIGHT },
    good: { background: '#CCFFCC', foreground: DARK_ON_LIGHT },
    attention: { background: '#FFC5B2', foreground: DARK_ON_LIGHT },
    warning: { background: '#FFE2B2', foreground: DARK_ON_LIGHT },
  },
};

/** WCAG 2's minimum for body text (1.4.3, level AA); card text is at most 18 px, never "large". */
export const MIN_CONTRAST = 4.5;

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

function parse(hex: string): Rgba {
  const h = hex.replace('#', '');
  const argb = h.length === 8 ? h : `ff${h}`;
  const byte = (i: number) => parseInt(argb.slice(i, i + 2), 16);
  return { a: byte(0) / 255, r: byte(2), g: byte(4), b: byte(6) };
}

/** WCAG 2's relative luminance of an opaque colour. */
function luminance({ r, g, b }: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio (1 to 21) of a text colour, blended by its alpha, over an opaque background. */
export function contrastRatio(text: string, background: string): number {
  const fg = parse(text);
  const bg = parse(background);
  const blend = (f: number, b: number) => f * fg.a + b * (1 - fg.a);
  const shown = { r: blend(fg.r, bg.r), g: blend(fg.g, bg.g), b: blend(fg.b, bg.b), a: 1 };
  const [light, dark] = [luminance(shown), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

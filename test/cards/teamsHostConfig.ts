/**
 * A Teams-like host config (light theme) for the SDK's HTML renderer and its validation: the same
 * object is used for parsing in Node (maxActions etc. are checked by `validateProperties`) and for
 * rendering in Chromium. Values approximate Teams' light theme; Segoe UI is rarely installed on Linux,
 * so the font list falls back to metrically similar sans-serif fonts.
 */

/** Teams' message column is about this wide on desktop; cards are drawn at this width unless a fixture says otherwise. */
export const TEAMS_CARD_WIDTH = 500;
/** A phone-sized width, for fixtures that check narrow layouts. */
export const NARROW_CARD_WIDTH = 340;

const FONT_FAMILY =
  "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";

/** Text colours, the same in every container style (Teams light). */
const FOREGROUND = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#616161' },
  light: { default: '#ffffff', subtle: '#f3f2f1' },
  accent: { default: '#5b5fc7', subtle: '#7f85f5' },
  good: { default: '#237b4b', subtle: '#3c8e5c' },
  warning: { default: '#c19c00', subtle: '#d9b000' },
  attention: { default: '#c4314b', subtle: '#d0566c' },
};

const style = (backgroundColor: string, borderColor: string) => ({ backgroundColor, borderColor, foregroundColors: FOREGROUND });

export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  fontTypes: {
    default: {
      fontFamily: FONT_FAMILY,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "Consolas, 'Courier New', 'Liberation Mono', monospace",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
  },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e0e0e0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: style('#ffffff', '#e0e0e0'),
    emphasis: style('#f5f5f5', '#d1d1d1'),
    accent: style('#e8ebfa', '#9299f7'),
    good: style('#e7f2da', '#9fd89f'),
    attention: style('#fdf3f4', '#eeacb2'),
    warning: style('#fbf6d9', '#f2e384'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    wrap: true,
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  textStyles: {
    heading: { fontType: 'default', size: 'large', weight: 'bolder', color: 'default', isSubtle: false },
  },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
} as const;

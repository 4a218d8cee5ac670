// The colours of the HTML report, in one place.
//
// Why cividis: it is a sequential scale designed to look the same to readers with the common
// colour-vision deficiencies (deuteranopia, protanopia) as to everyone else, and its lightness
// rises steadily from dark blue to yellow, so every class stays distinct when the report is
// printed in greyscale. Worse is darker, so the municipalities that need attention stand out.
// "No data / not measured" is not a colour of the scale but a hatched light grey: it must never
// read as a value (not 0 %, not 100 %), in colour or in greyscale.

/** Cividis sampled at 0, 0.25, 0.5, 0.75 and 1 (dark blue -> grey -> yellow). */
export const CIVIDIS_5 = ["#00204c", "#414d6b", "#7c7b78", "#bcaf6f", "#ffe945"] as const;
/** Cividis sampled at 0, 1/3, 2/3 and 1, for scales of four classes. */
export const CIVIDIS_4 = ["#00204c", "#575c6d", "#a59c74", "#ffe945"] as const;

export const NO_DATA_PATTERN_ID = "ml-no-data";
export const NO_DATA_FILL = `url(#${NO_DATA_PATTERN_ID})`;
const NO_DATA_BACKGROUND = "#ededed";
const NO_DATA_LINES = "#8a8a8a";

/** The hatch pattern behind NO_DATA_FILL; emitted once per document, in the map's <defs>. */
export const NO_DATA_PATTERN = `<pattern id="${NO_DATA_PATTERN_ID}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="${NO_DATA_BACKGROUND}"/><line x1="0" y1="0" x2="0" y2="5" stroke="${NO_DATA_LINES}" stroke-width="1.6"/></pattern>`;

/** Charts: organisations dark, domains mid-grey (both >= 3:1 against white, apart in greyscale). */
export const CHART_COLOURS = {
  organisations: CIVIDIS_5[0],
  domains: CIVIDIS_5[2],
  track: "#eeeeee",
  grid: "#c8c8c8",
  text: "#1a1a1a",
  municipalityBorder: "#4a4a4a",
} as const;

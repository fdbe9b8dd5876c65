/**
 * Okabe–Ito colours: safe for colour-blind readers. Every chart pairs them with a dash pattern or a
 * marker shape, so series stay apart in greyscale print too.
 */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;
export const SERIES_DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

export const seriesColour = (i: number): string => SERIES_COLOURS[i % SERIES_COLOURS.length];
export const seriesDash = (i: number): string => SERIES_DASHES[i % SERIES_DASHES.length];

// Okabe–Ito colour-vision-safe palette, ordered so the first colours contrast most with white;
// marks also get a dark outline and distinct symbols, so colour is never the only channel.
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#E69F00', '#56B4E9', '#F0E442'];
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle'];
export const OUTLINE = '#1b1b1b';
export const AXIS_TEXT = '#3d3d3d';

// One visual vocabulary for the map, the network and the legend.
export const DOMAIN_COLORS = {
  military: '#d1495b',
  intelligence: '#3c6fd8',
  peacekeeping: '#1b998b',
};
export const OTHER_COLOR = '#8a8f98';
export const domainColor = (d) => DOMAIN_COLORS[d] || OTHER_COLOR;

// State as line style: the eye reads solid = in force, dashed = talk,
// dotted and faded = over.
export const STATE_STYLE = {
  active: { width: 2.6, dash: null, opacity: 0.95, label: 'active (training, arms, operations…)' },
  agreed: { width: 2.0, dash: null, opacity: 0.8, label: 'agreed (pact signed)' },
  discussed: { width: 1.6, dash: '6 4', opacity: 0.85, label: 'discussed (talks, request, intent)' },
  ended: { width: 1.4, dash: '1.5 4', opacity: 0.55, label: 'ended (suspended, withdrawn)' },
};
export const STATE_ORDER = ['active', 'agreed', 'discussed', 'ended'];
export const stateStyle = (s) => STATE_STYLE[s] || STATE_STYLE.discussed;

// Where a country's lines start. The centroid, except for countries so large
// that their centroid is far from where their policy is made (Russia's is in
// Siberia): there the capital, so Africa-centred lines stay on the map.
export const ANCHORS = {
  RUS: [37.62, 55.75], USA: [-77.04, 38.9], CHN: [116.4, 39.9], CAN: [-75.7, 45.42],
  AUS: [149.13, -35.28], BRA: [-47.88, -15.79], IND: [77.21, 28.61],
};

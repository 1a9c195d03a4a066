export type { ExplainedInput, Explanation } from '../model/explanation.js';
export { explainId, type HorizonEnd, type RackPoint } from './ids.js';
export { explainPlan } from './explain.js';
export { scenarioPath, type PathSegment } from './paths.js';

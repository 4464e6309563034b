import type { Scenario } from '../scenario.js';
import { municipalityRouting } from './municipality-routing.js';

/** Every benchmark scenario, by name. Later issues add theirs here. */
export const scenarios: Scenario[] = [municipalityRouting];

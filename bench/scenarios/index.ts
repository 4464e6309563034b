import { benchScenarios as referralScenarios } from '@tym/referrals';
import type { Scenario } from '../scenario.js';
import { municipalityRouting } from './municipality-routing.js';
import { situationalPicture, situationalPicturePage } from './situational-picture.js';
import { utilisation } from './utilisation.js';

/** Every request/response benchmark scenario, by name. */
export const scenarios: Scenario[] = [
  municipalityRouting,
  utilisation,
  situationalPicture,
  situationalPicturePage,
  ...referralScenarios,
];

import data from './beijing.json' with { type: 'json' };
import type { UnitDirectory } from './model.ts';

/** The bundled Beijing directory: city departments, the 16 districts and the Development Area, groups. */
export const beijingDirectory: UnitDirectory = data as UnitDirectory;

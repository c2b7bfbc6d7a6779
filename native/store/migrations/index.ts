import type { Migration } from '../migrate.ts';
import { eventLog } from './001-event-log.ts';
import { projections } from './002-projections.ts';
import { outbox } from './003-outbox.ts';
import { readViews } from './004-read-views.ts';
import { eventsNoOverwrite } from './005-events-no-overwrite.ts';
import { simRuns } from './007-sim-runs.ts';
import { sync } from './008-sync.ts';
import { quarantine } from './009-quarantine.ts';
import { sensorReadings } from './010-sensor-readings.ts';
import { forecasts } from './011-forecasts.ts';
import { capMessages } from './012-cap-messages.ts';
import { oneQuarantine } from './013-one-quarantine.ts';
import { citizenReports } from './014-citizen-reports.ts';
import { forecastGrids } from './015-forecast-grids.ts';
import { refusedRosters } from './017-refused-rosters.ts';

/** Every schema step, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [eventLog, projections, outbox, readViews, eventsNoOverwrite, simRuns, sync, quarantine, sensorReadings, forecasts, capMessages, oneQuarantine, citizenReports, forecastGrids, refusedRosters];

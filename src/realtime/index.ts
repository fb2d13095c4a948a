// Real-time data: push resources and keys, the fsync'd intake log, the single micro-batch writer.
// The one way in for the server and governance stages.
export { Realtime, type IntakeOptions } from './intake.ts';
export type { RealtimeResource } from './resources.ts';
export { fieldsFromSample } from './sample.ts';
export { recordProblem, recordsOf, toPhysical } from './records.ts';
export { parseMqttConfig, type MqttConfig } from './mqtt-config.ts';
export { parseSettings, settingsBody, type LiveSettings } from './settings.ts';
export type { AlertEvent, SilenceAlert } from './silence.ts';

/** The fleet's vocabulary lives in src/shared/fleet.ts (the web shows the same labels); kept here for the module's imports. */
export * from '../../shared/fleet.js';

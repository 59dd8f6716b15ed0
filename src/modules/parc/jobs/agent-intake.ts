/**
 * How the agent endpoints take inventories in, per app (per server process). Read by
 * receive-agent-message.ts on every report; no database round trip on the direct path.
 */
export interface AgentIntakeSettings {
  /**
   * Ingestions this process runs at once; beyond, a report is committed to the inbox
   * (parc.inventory_inbox) and answered "pending" (GLPI Agent) or acknowledged (OCS), then stored
   * by the background worker. Default 40: twice the PostgreSQL pool (20), so a burst queues in
   * the database rather than in memory.
   */
  maxInFlight: number;
  /** What the "pending" answer tells GLPI Agent to wait before asking again (seconds). */
  pendingRetrySeconds: number;
  /** Reports kept in the unassigned queue, all addresses together; beyond, 429. */
  unassignedMax: number;
  /** Reports one remote address may add to the unassigned queue in an hour; beyond, 429. */
  unassignedPerAddressPerHour: number;
  /** Unassigned reports older than this are deleted (at each insertion and by the worker). */
  unassignedKeepDays: number;
}

declare module '../../../server/platform/http.js' {
  interface AppConfig {
    /** Agent endpoints: in-flight ingestions before the inbox, unassigned queue caps. */
    inventory?: Partial<AgentIntakeSettings>;
  }
}

export const defaultAgentIntakeSettings: AgentIntakeSettings = {
  maxInFlight: 40,
  pendingRetrySeconds: 30,
  unassignedMax: 10_000,
  unassignedPerAddressPerHour: 100,
  unassignedKeepDays: 30,
};

export interface AgentIntake {
  settings: AgentIntakeSettings;
  /** Ingestions running now in this process. */
  inFlight: number;
  /** A row was committed to the inbox: have the worker drain it soon (pg-boss when jobs run). */
  wake(): void;
}

export function agentIntake(settings: Partial<AgentIntakeSettings> = {}, wake: () => void = () => undefined): AgentIntake {
  return { settings: { ...defaultAgentIntakeSettings, ...settings }, inFlight: 0, wake };
}

/** Read from the environment by config.ts (COHERENCE_INVENTORY_*); absent values keep the defaults. */
export function intakeSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<AgentIntakeSettings> {
  const read = (name: string) => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} : un entier positif ou nul est attendu (reçu « ${value} »).`);
    return n;
  };
  const entries = {
    maxInFlight: read('COHERENCE_INVENTORY_MAX_IN_FLIGHT'),
    pendingRetrySeconds: read('COHERENCE_INVENTORY_PENDING_RETRY_SECONDS'),
    unassignedMax: read('COHERENCE_UNASSIGNED_MAX'),
    unassignedPerAddressPerHour: read('COHERENCE_UNASSIGNED_PER_ADDRESS_PER_HOUR'),
    unassignedKeepDays: read('COHERENCE_UNASSIGNED_KEEP_DAYS'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

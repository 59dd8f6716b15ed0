import { resolve } from 'node:path';
import { outgoingMailFromEnv } from './platform/mail.js';
import { moduleSettingsFromEnv, type ModuleDefinition, type ModuleSettings } from './platform/module.js';

/** Everything the server reads from its environment, in one typed object (main.ts is the only caller). */
export interface ServerSettings {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** COHERENCE_DEMO_PASSWORD; absent, the demo's first start generates one (see demo-password.ts). */
  demoPassword?: string;
  loadDemo: boolean;
  secureCookies: boolean;
  publicUrl: string;
  trustProxy: string | boolean;
  oidc?: { issuer: string; clientId: string; clientSecret: string; label: string };
  /** Background jobs (COHERENCE_JOBS). */
  jobs: boolean;
  /** What each module reads from the environment (the desk's mail, the agents' intake…). */
  modules: Partial<ModuleSettings>;
}

/** The modules' settings, with the platform's outgoing mail under the same `mail` key as the desk's listener. */
function settingsFromEnv(env: NodeJS.ProcessEnv, modules: readonly ModuleDefinition[]): Partial<ModuleSettings> {
  const fromModules = moduleSettingsFromEnv(modules, env);
  return { ...fromModules, mail: { ...outgoingMailFromEnv(env), ...fromModules.mail } };
}

export function readSettings(env: NodeJS.ProcessEnv, modules: readonly ModuleDefinition[]): ServerSettings {
  const port = Number(env.PORT ?? 3000);
  const publicUrl = env.COHERENCE_PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    port,
    // loopback unless told otherwise: the demo accounts must not be reachable from the network by default
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.COHERENCE_DATA_DIR ?? './data'),
    demoPassword: env.COHERENCE_DEMO_PASSWORD || undefined,
    loadDemo: env.COHERENCE_DEMO !== 'off',
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: env.COHERENCE_TRUST_PROXY || false,
    publicUrl,
    jobs: env.COHERENCE_JOBS !== 'off',
    modules: settingsFromEnv(env, modules),
    oidc: env.COHERENCE_OIDC_ISSUER
      ? {
          issuer: env.COHERENCE_OIDC_ISSUER,
          clientId: env.COHERENCE_OIDC_CLIENT_ID ?? '',
          clientSecret: env.COHERENCE_OIDC_CLIENT_SECRET ?? '',
          label: env.COHERENCE_OIDC_LABEL ?? 'ProConnect',
        }
      : undefined,
  };
}

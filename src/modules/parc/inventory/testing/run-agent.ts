import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The real Debian agents (packages fusioninventory-agent 2.6 and ocsinventory-agent 2.10), run
 * against a server URL with a minimal environment. Used by agents.test.ts when they are installed
 * and by capture-agent-fixtures.ts.
 */
export const agentCommands = {
  fusioninventory: '/usr/bin/fusioninventory-agent',
  ocs: '/usr/bin/ocsinventory-agent',
} as const;

export type AgentName = keyof typeof agentCommands;

export function agentInstalled(agent: AgentName): boolean {
  if (!existsSync(agentCommands[agent])) return false;
  // Debian's ocsinventory-agent package writes `local=…` in its configuration by default, and the
  // agent then ignores --server: it can only be run against a server once that line is removed.
  if (agent === 'ocs') return !/^\s*local\s*=/m.test(readConfig('/etc/ocsinventory/ocsinventory-agent.cfg'));
  // FusionInventory keeps its state in a fixed directory, writable by root only
  return writable(fusionStateDir);
}

const fusionStateDir = '/var/lib/fusioninventory-agent';
const flock = '/usr/bin/flock';

/**
 * The command that runs `agent`: FusionInventory under an exclusive lock on its state directory,
 * the same for every run (it has no option to move it, and rewrites its device id file on each
 * run), so that two test runs side by side never run it at the same time. OCS gets a directory per
 * test (--basevardir).
 */
function agentCommand(agent: AgentName, args: string[]): [string, string[]] {
  if (agent !== 'fusioninventory' || !existsSync(flock)) return [agentCommands[agent], args];
  return [flock, [join(fusionStateDir, '.coherence-tests.lock'), agentCommands[agent], ...args]];
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readConfig(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

export interface AgentRun {
  /** Compress (the agents' default) or send plain XML (FusionInventory's --no-compression). */
  compress?: boolean;
  tag?: string;
  /** Leave the package list out (faster). */
  noSoftware?: boolean;
  workDir: string;
}

/** Runs one agent once against `serverUrl`; resolves with its log (stdout and stderr). */
export async function runAgent(agent: AgentName, serverUrl: string, options: AgentRun): Promise<string> {
  const env = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', HOME: options.workDir };
  const args =
    agent === 'fusioninventory'
      ? [
          `--server=${serverUrl}`,
          '--tasks=inventory',
          '--no-httpd',
          '--debug',
          // the build machine's environment variables, processes and accounts stay out of fixtures
          `--no-category=environment,process,local_user,local_group,user${options.noSoftware ? ',software' : ''}`,
          ...(options.compress === false ? ['--no-compression'] : []),
          ...(options.tag ? [`--tag=${options.tag}`] : []),
        ]
      : [
          `--server=${serverUrl}`,
          `--basevardir=${options.workDir}/ocs`,
          '--debug',
          ...(options.noSoftware ? ['--nosoftware'] : []),
          ...(options.tag ? [`--tag=${options.tag}`] : []),
        ];
  try {
    const [command, commandArgs] = agentCommand(agent, args);
    const { stdout, stderr } = await run(command, commandArgs, { env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${agent} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`.slice(0, 4000));
  }
}

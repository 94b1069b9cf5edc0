import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { WORKSPACE } from './scratchPortal';

/** Each command's output goes to its own file here, not to the test's output. */
export const LOGS = path.join(WORKSPACE, 'test-results', 'install-logs');

/** What started processes see: not this workspace's test settings. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.TS_NODE_PROJECT;
  return env;
}

/** Runs a command to the end, its output in test-results/install-logs/<log>.log. */
export async function run(
  log: string,
  cmd: string,
  args: string[],
  cwd: string,
) {
  fs.mkdirSync(LOGS, { recursive: true });
  const file = path.join(LOGS, `${log}.log`);
  const out = fs.openSync(file, 'w');
  const code = await new Promise<number | null>(resolve => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', out, out],
      env: childEnv(),
    });
    child.on('exit', resolve);
  });
  fs.closeSync(out);
  if (code !== 0) {
    const tail = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-40)
      .join('\n');
    throw new Error(
      `${cmd} ${args.join(' ')} exited with ${code} (log: ${file})\n${tail}`,
    );
  }
}

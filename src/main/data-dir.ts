import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Where the library lives. One rule for the app and the CLI, so `npm run cli -- list` shows what
 * the app shows: `--data-dir <path>` beats `PARALLAX_DATA_DIR`, which beats the platform's
 * per-user application-data folder (the same folder Electron calls userData for "Parallax").
 */
export function resolveDataDir(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const flag = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='))
  if (flag >= 0) {
    const arg = argv[flag]!
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1]
    if (value) return resolve(value)
  }
  if (env.PARALLAX_DATA_DIR) return resolve(env.PARALLAX_DATA_DIR)
  return defaultDataDir(env)
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Parallax')
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Parallax')
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Parallax')
  }
}

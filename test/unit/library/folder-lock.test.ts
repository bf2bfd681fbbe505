import { spawn, type ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { access, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library'
import { LOCK_FILE } from '../../../src/main/library/folder-lock'
import { ParallaxError } from '../../../src/shared/errors'
import { article, cleanUp, tempFolder, textFile } from './fixtures'

const repo = path.resolve(import.meta.dirname, '../../..')
const children: ChildProcess[] = []

afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  await cleanUp()
})

/** A real process that stays alive until killed: the "other Parallax" holding the folder. */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  children.push(child)
  await new Promise((ok) => child.once('spawn', ok))
  return child
}

/** The pid of a process that has run and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((ok) => child.once('exit', ok))
  return child.pid!
}

async function holdWith(dataDir: string, pid: number, who = 'the Parallax app'): Promise<void> {
  await writeFile(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ pid, who, since: '2026-11-21T09:30:00.000Z' }),
  )
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  )
}

describe('the library folder lock', () => {
  it('refuses a folder another running process holds, naming it, and changes nothing there', async () => {
    const dataDir = await tempFolder()
    const first = await Library.open({ dataDir })
    await first.importFiles([textFile('a.txt', article('Floods', 'At least 12 people died.'))])
    await first.close()
    const records = await readFile(path.join(dataDir, 'library.json'), 'utf8')
    const other = await liveProcess()
    await holdWith(dataDir, other.pid!)

    const err = await Library.open({ dataDir }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ParallaxError)
    expect((err as ParallaxError).code).toBe('in-use')
    expect((err as ParallaxError).message).toContain(`the Parallax app (process ${other.pid}`)
    expect((err as ParallaxError).file).toBe(dataDir)
    expect(await readFile(path.join(dataDir, 'library.json'), 'utf8')).toBe(records)
    // The holder's lock is left alone.
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(other.pid)
  })

  it('takes over a lock left by a process that is gone, and removes its own on close', async () => {
    const dataDir = await tempFolder()
    await (await Library.open({ dataDir })).close()
    await holdWith(dataDir, await deadPid())
    const library = await Library.open({ dataDir, holder: 'the test' })
    const lock = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))
    expect(lock).toMatchObject({ pid: process.pid, who: 'the test' })
    await library.close()
    expect(await exists(path.join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('takes over an unreadable lock file', async () => {
    const dataDir = await tempFolder()
    await (await Library.open({ dataDir })).close()
    await writeFile(path.join(dataDir, LOCK_FILE), '{"pid": ')
    const library = await Library.open({ dataDir })
    expect(library.list()).toEqual([])
    await library.close()
  })

  it('lets the process that holds the folder open it again', async () => {
    const dataDir = await tempFolder()
    const a = await Library.open({ dataDir })
    const b = await Library.open({ dataDir })
    await b.close()
    await a.close()
    expect(await exists(path.join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('the command line will not import into a folder the app holds, and says why', async () => {
    const dataDir = await tempFolder()
    await (await Library.open({ dataDir })).close()
    const before = await readFile(path.join(dataDir, 'library.json'), 'utf8')
    const app = await liveProcess()
    await holdWith(dataDir, app.pid!)
    const file = path.join(await tempFolder(), 'report.txt')
    await writeFile(file, 'Storm damage\n\nMore than 200 homes were damaged, officials said.\n')
    const result = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repo, 'src/main/cli.ts'),
        'import',
        file,
        '--data-dir',
        dataDir,
      ],
      { cwd: repo },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`the Parallax app (process ${app.pid}`)
    expect(result.stderr).toContain('--data-dir')
    expect(await readFile(path.join(dataDir, 'library.json'), 'utf8')).toBe(before)
  })
})

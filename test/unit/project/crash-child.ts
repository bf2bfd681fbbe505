// Run by project-file.test.ts in a child process: autosaves, then saves and stops between writing
// the temp file and renaming it, so the test can kill the process at the worst moment.
import { readFile } from 'node:fs/promises'
import type { Project } from '../../../src/shared/project'
import { autosaveProject, saveProject } from '../../../src/main/project/project-file'

const [path, dataDir, input] = process.argv.slice(2)
if (!path || !dataDir || !input)
  throw new Error('usage: crash-child <project> <dataDir> <project.json>')
const project = JSON.parse(await readFile(input, 'utf8')) as Project
await autosaveProject(dataDir, project, path)
await saveProject(path, project, {
  dataDir,
  beforeRename: (tempPath) =>
    new Promise<void>(() => {
      process.stdout.write(`temp-written ${tempPath}\n`)
      // Keep the process alive until it is killed.
      setInterval(() => undefined, 1000)
    }),
})

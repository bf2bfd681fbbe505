export {
  Library,
  type ImportProgress,
  type ImportProgressListener,
  type LibraryOptions,
  type LibraryStatus,
} from './library'
export { isIsoDate, cleanTags } from './patch'
export { makeSnippet } from './search-index'
export { LIBRARY_FILE } from './records-file'

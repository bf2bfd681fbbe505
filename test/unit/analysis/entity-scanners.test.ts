import { describe, expect, it } from 'vitest'
import { alternation, lexicons } from '../../../src/main/analysis/lexicons'
import { rx } from '../../../src/main/analysis/entity-lexicon'
import { gazetteerMatchAt, gazetteerMatches } from '../../../src/main/analysis/gazetteer-scan'
import { ARTICLE, CAPITAL, nameEnd } from '../../../src/main/analysis/name-runs'
import { titleBefore, trimTrailingConnectors } from '../../../src/main/analysis/name-typing'
import { LONG_FORM, longForms } from '../../../src/main/analysis/entity-clusters'
import { seeded } from '../seeded-random'

/*
 * The entity scans match by hand what regexes used to match (the golden outputs were made with
 * the regexes). Each test builds the regex a scan stands for, as the comment above `rx()` and the
 * scans' doc comments write it, and checks the scan against it on generated text and on a few
 * sentences from the news.
 */

const lex = lexicons()
/** Every gazetteer name in the lexicon's order: places, then organisations with their aliases. */
const gazetteerNames = [...lex.places, ...lex.organisations.flatMap((o) => [o.name, ...o.aliases])]
const gazetteerRegex = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${alternation(gazetteerNames)})(?![\\p{L}\\p{N}])`,
  'gu',
)
const NAME_TOKEN = `(?:(?:al|el|Al|El)-)?[\\p{Lu}][\\p{L}\\p{M}’']*(?:-(?:(?:al|el)-)?[\\p{Lu}][\\p{L}\\p{M}’']*)*`
const nameRegex = new RegExp(
  `(?=\\p{Lu}|(?:al|el|Al|El)-)(?<![\\p{L}\\p{N}’'-])${NAME_TOKEN}` +
    `(?:[ \\t]+(?:(?:of|for|the|bin|ibn|de)[ \\t]+)*${NAME_TOKEN})*`,
  'gu',
)
const titleRegex = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(lex.personTitles)})\\.?\\s+$`, 'u')
/** The title the regex found, as a group: where it starts. */
const titleAt = new RegExp(`(?:^|[^\\p{L}])((?:${alternation(lex.personTitles)})\\.?\\s+)$`, 'u')
const trailingConnectors = /(?:\s+(?:of|for|the|and|bin|ibn|de))+$/u

/** The regex's match starting exactly at `p` (sticky), or null. */
function matchAt(regex: RegExp, text: string, p: number): RegExpExecArray | null {
  const sticky = new RegExp(regex.source, regex.flags.replace('g', '') + 'y')
  sticky.lastIndex = p
  return sticky.exec(text)
}

/** Positions a scan may start from: not the second half of a surrogate pair. */
function* starts(text: string): Generator<number> {
  for (let p = 0; p <= text.length; p++) {
    const c = text.charCodeAt(p)
    const before = text.charCodeAt(p - 1)
    if (c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff) continue
    yield p
  }
}

const WHITESPACE = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\n', '\r\n', '\u2028', '\u3000', '\ufeff']
const PIECES = [
  // ASCII and other letters, capitals and not; a combining acute; a titlecase letter (not \p{Lu}).
  ...'ABEHKMNOSaehlnorst'.split(''),
  'É',
  'é',
  'Ö',
  'ß',
  'Ω',
  'ω',
  'Ж',
  'ж',
  '\u0301',
  'ǅ',
  'ح',
  '中',
  // Astral capitals (𝐀 U+1D400, 𐐀 U+10400), an astral small letter, an emoji, lone halves.
  '𝐀',
  '𐐀',
  '𝐚',
  '😀',
  '\ud835',
  '\udc00',
  // Digits and the punctuation the regexes name.
  '7',
  '2016',
  '-',
  '-',
  "'",
  '’',
  '‘',
  '“',
  '”',
  '.',
  ',',
  '(',
  ')',
  '/',
  // Articles, connectors and the possessive.
  'al-',
  'el-',
  'Al-',
  'El-',
  'of',
  'for',
  'the',
  'and',
  'bin',
  'ibn',
  'de',
  "'s",
  // Words the scans care about.
  'Assad',
  'Bashar',
  'Haider',
  'Force',
  'Corps',
  'IRGC',
  'UN',
  'Minister',
  'Gen.',
  'Lt',
  'Mr.',
]
const TITLE_WORDS = lex.personTitles

function generated(count: number, seed: number): string[] {
  const random = seeded(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const texts: string[] = []
  for (let n = 0; n < count; n++) {
    let text = ''
    const parts = 1 + Math.floor(random() * 14)
    for (let i = 0; i < parts; i++) {
      const roll = random()
      if (roll < 0.2) {
        // A gazetteer name, its spaces sometimes other whitespace.
        const name = pick(gazetteerNames)
        text += random() < 0.3 ? name.replace(/ /g, () => pick(WHITESPACE)) : name
      } else if (roll < 0.3) text += pick(TITLE_WORDS)
      else if (roll < 0.55) text += pick(WHITESPACE)
      else text += pick(PIECES)
    }
    texts.push(text)
  }
  return texts
}

const TEXTS = generated(3000, 20161108)

const NEWS = [
  'President Bashar al-Assad met Prime Minister Haider al-Abadi in Damascus on Sunday.',
  'About 2,000 troops from the Quds Force, the Special Forces wing of the Islamic Revolutionary Guard Corps (IRGC), are in Syria.',
  'Fighters of Jabhat al-Nusra and Al-Nusra Front held Deir ez-Zor; the U.S. and the U.N. said so.',
  'Radio Free Europe/Radio Liberty (RFE/RL) quoted Ayatollah Ali Khamenei and Secretary-General Ban Ki-moon.',
  "Shi’ite militias and Shi'ite militias near Port-au-Prince, said Lt. Gen. Sean MacFarland.",
  'Abu Bakr al-Baghdadi, Ahmed bin Salman and Jean-Marc Ayrault spoke; Hezbollah’s leader did not.',
  'Agence France-Presse reported from Al-Jazeera’s office in\u00a0New York and the Gaza Strip.',
  'Les Forces de la Coalition, Ministre of Defence of Ukraine, Mrs.\tMay and O’Brien.',
]

describe('gazetteer names (gazetteer-scan.ts) match the gazetteer regex', () => {
  const r = rx()

  it('finds the same matches as matchAll, and the entry the regex text looks up', () => {
    for (const text of [...NEWS, ...TEXTS]) {
      const expected = [...text.matchAll(gazetteerRegex)].map((m) => {
        const entry = r.gazetteerByName.get(m[0])
        return [m.index, m.index + m[0].length, m[0], entry?.canonical, entry?.type]
      })
      const actual: unknown[] = []
      gazetteerMatches(text, r, (start, m) => {
        const name = m.exact?.name ?? text.slice(start, m.end)
        const entry = m.exact?.entry ?? r.gazetteerByName.get(name)
        actual.push([start, m.end, name, entry?.canonical, entry?.type])
      })
      expect(actual, JSON.stringify(text)).toEqual(expected)
    }
  })

  it('matches where the sticky regex matches, at every position', () => {
    for (const text of [...NEWS, ...TEXTS]) {
      for (const p of starts(text)) {
        const m = matchAt(gazetteerRegex, text, p)
        const hand = gazetteerMatchAt(text, p, r)
        expect(hand?.end ?? null, `${JSON.stringify(text)} at ${p}`).toBe(
          m ? p + m[0].length : null,
        )
        // `exact` only where the text spells the name the alternation tried.
        if (hand?.exact) expect(text.slice(p, hand.end)).toBe(hand.exact.name)
      }
    }
  })

  it('only matches where the name scan stops (capitals and "al-"), so findEntities sees them all', () => {
    expect(r.gazetteerAtNameStarts).toBe(true)
    for (const text of [...NEWS, ...TEXTS]) {
      for (const m of text.matchAll(gazetteerRegex)) {
        const atCapital = matchAt(CAPITAL, text, m.index) !== null
        const atArticle = matchAt(ARTICLE, text, m.index) !== null
        expect(atCapital || atArticle, `${JSON.stringify(text)} at ${m.index}`).toBe(true)
      }
    }
  })

  it('reads names from the news as the gazetteer spells them', () => {
    const found: string[] = []
    const text = NEWS[2]!
    gazetteerMatches(text, r, (start, m) => found.push(text.slice(start, m.end)))
    expect(found).toEqual(['Jabhat al-Nusra', 'Al-Nusra Front', 'Deir ez-Zor', 'U.S.', 'U.N.'])
    // Other whitespace inside a name still matches, but is not the gazetteer's spelling.
    const tabbed = gazetteerMatchAt('the Jaish\tal-Fatah', 4, r)
    expect(tabbed?.end).toBe(18)
    expect(tabbed?.exact).toBeNull()
    // Not inside a word.
    expect(gazetteerMatchAt('XSyria', 1, r)).toBeNull()
    expect(gazetteerMatchAt('Syrian', 0, r)).toBeNull()
  })
})

describe('name runs (name-runs.ts) match the name regex', () => {
  it('ends where the sticky regex ends, at every position', () => {
    for (const text of [...NEWS, ...TEXTS]) {
      for (const p of starts(text)) {
        const m = matchAt(nameRegex, text, p)
        expect(nameEnd(text, p), `${JSON.stringify(text)} at ${p}`).toBe(m ? p + m[0].length : -1)
      }
    }
  })

  it('only matches where CAPITAL or ARTICLE stops the scan in findEntities', () => {
    for (const text of [...NEWS, ...TEXTS]) {
      for (const m of text.matchAll(nameRegex)) {
        const atCapital = matchAt(CAPITAL, text, m.index) !== null
        const atArticle = matchAt(ARTICLE, text, m.index) !== null
        expect(atCapital || atArticle, `${JSON.stringify(text)} at ${m.index}`).toBe(true)
      }
    }
  })

  it('reads names from the news', () => {
    const run = (text: string, name: string): string => {
      const p = text.indexOf(name)
      return text.slice(p, nameEnd(text, p))
    }
    expect(run(NEWS[0]!, 'President')).toBe('President Bashar al-Assad')
    expect(run(NEWS[0]!, 'Bashar')).toBe('Bashar al-Assad')
    expect(run(NEWS[1]!, 'Islamic')).toBe('Islamic Revolutionary Guard Corps')
    expect(run(NEWS[5]!, 'Ahmed')).toBe('Ahmed bin Salman')
    expect(run(NEWS[5]!, 'Jean')).toBe('Jean-Marc Ayrault')
    expect(run(NEWS[5]!, 'Hezbollah')).toBe('Hezbollah’s')
    // No name starts inside a word or after an apostrophe or hyphen.
    expect(nameEnd('Abu Bakr al-Baghdadi', 12)).toBe(-1)
    expect(nameEnd("O'Brien", 2)).toBe(-1)
  })
})

describe('the title before a name (name-typing.ts) matches the title regex', () => {
  const r = rx()

  /**
   * Whether the regex finds a title that the 30-character window cuts out of a longer word: the
   * regex sees the window's start as a word boundary, the scan reads the whole word.
   */
  const isCutTitle = (text: string, p: number): boolean => {
    const m = titleAt.exec(text.slice(Math.max(0, p - 30), p))
    if (!m) return false
    const title = p - m[1]!.length
    return (
      title === Math.max(0, p - 30) && /\p{L}$/u.test(text.slice(Math.max(0, title - 2), title))
    )
  }

  it('agrees with the regex on the 30 characters before every position', () => {
    for (const text of [...NEWS, ...TEXTS]) {
      for (const p of starts(text)) {
        const expected = titleRegex.test(text.slice(Math.max(0, p - 30), p))
        const actual = titleBefore(text, p, r)
        if (expected && !actual && isCutTitle(text, p)) continue
        expect(actual, `${JSON.stringify(text)} at ${p}`).toBe(expected)
      }
    }
  })

  it('reads the title after a hyphen ("ex-President"), as the regex does', () => {
    for (const text of ['ex-President Mahmoud Ahmadinejad', 'the ex-Prime Minister Tony Blair']) {
      const start = text.search(/Mahmoud|Tony/)
      expect(titleRegex.test(text.slice(0, start))).toBe(true)
      expect(titleBefore(text, start, r)).toBe(true)
    }
  })

  it('finds titles in the news', () => {
    const at = (text: string, name: string): boolean => titleBefore(text, text.indexOf(name), r)
    expect(at(NEWS[0]!, 'Bashar')).toBe(true)
    expect(at(NEWS[0]!, 'Haider')).toBe(true)
    expect(at(NEWS[4]!, 'Sean')).toBe(true)
    expect(at(NEWS[3]!, 'Ban')).toBe(true)
    expect(at(NEWS[5]!, 'Ahmed')).toBe(false)
  })
})

describe('trailing connectors (name-typing.ts) are cut as the regex cuts them', () => {
  it('leaves what `replace` leaves, on every piece of the generated text', () => {
    const random = seeded(7)
    for (const text of [...NEWS, ...TEXTS.slice(0, 1000)]) {
      for (let k = 0; k < 8; k++) {
        const start = Math.floor(random() * text.length)
        const end = start + Math.floor(random() * (text.length - start + 1))
        const piece = text.slice(start, end)
        const cut = trimTrailingConnectors(text, start, end)
        expect(text.slice(start, cut), JSON.stringify(piece)).toBe(
          piece.replace(trailingConnectors, ''),
        )
      }
    }
    for (const [piece, kept] of [
      ['Ministry of Defence of', 'Ministry of Defence'],
      ['Bank of the', 'Bank'],
      ['Osama bin', 'Osama'],
      ['Chief', 'Chief'],
      ['Mande', 'Mande'],
    ] as const)
      expect(piece.slice(0, trimTrailingConnectors(piece, 0, piece.length))).toBe(kept)
  })
})

describe('long forms before an acronym (entity-clusters.ts) match LONG_FORM', () => {
  it('yields what matchAll yields', () => {
    const texts = [...NEWS, ...TEXTS].flatMap((t) => [t, `${t} (${t.slice(0, 4).toUpperCase()})`])
    for (const text of texts) {
      const expected = [...text.matchAll(new RegExp(LONG_FORM.source, LONG_FORM.flags))].map(
        (m) => [m.index, m[0], m[1], m[2]],
      )
      const actual = [...longForms(text)].map((m) => [m.index, m[0], m[1], m[2]])
      expect(actual, JSON.stringify(text)).toEqual(expected)
    }
    const irgc = [...longForms(NEWS[1]!)]
    expect(irgc.map((m) => [m[1], m[2]])).toEqual([['Islamic Revolutionary Guard Corps', 'IRGC']])
  })
})

import { describe, expect, it } from 'vitest'
import type { Figure } from '../../../src/shared/analysis'
import { analyzeDocument } from '../../../src/main/analysis/index'

function figures(text: string, published: string | null = null): Figure[] {
  return analyzeDocument({ docId: 't', text, segments: [], published }).figures
}

function one(text: string): Figure {
  const f = figures(text)
  expect(f, `figures in "${text}": ${f.map((x) => x.text).join(' | ')}`).toHaveLength(1)
  return f[0]!
}

describe('figure values', () => {
  it.each([
    ['Officials said 2,000 people attended.', 2000, 'count'],
    ['The deficit reached 1.3 million this year.', 1_300_000, 'count'],
    ['The fund holds $4.2M in reserve.', 4_200_000, 'money'],
    ['About 17k runners took part.', 17_000, 'count'],
    ['Thirteen soldiers were killed.', 13, 'count'],
    ['The state will build two hundred and fifty thousand homes.', 250_000, 'count'],
    ['A dozen protesters were detained.', 12, 'count'],
    ['Half a million people fled.', 500_000, 'count'],
    ['Unemployment rose to 7.5% last year.', 7.5, 'percent'],
    ['Unemployment rose to 7.5 per cent.', 7.5, 'percent'],
    ['A third of the city was without power.', 0.3333, 'ratio'],
    ['The town lies 12 km from the border.', 12, 'distance'],
    ['The siege lasted 40 days.', 40, 'duration'],
    ['Officials say the budget is £3bn.', 3_000_000_000, 'money'],
    ['Winds reached 140 km/h on the coast.', 140, 'rate'],
    ['The fire burned 300 square miles of forest.', 300, 'other'],
    ['Nine out of ten members backed the strike.', 0.9, 'ratio'],
    ['The station recorded 112mm of rain.', 112, 'distance'],
  ])('%s', (text, value, kind) => {
    const f = one(text)
    expect(f.value).toBeCloseTo(value, 3)
    expect(f.kind).toBe(kind)
  })

  it('reads ranges with the interval and the midpoint', () => {
    for (const [text, low, high] of [
      ['Police estimated 12,000 to 15,000 people marched.', 12_000, 15_000],
      ['Between 150 and 400 people were trapped.', 150, 400],
      ['Organisers counted 12-15k families.', 12_000, 15_000],
    ] as const) {
      const f = one(text)
      expect([f.low, f.high], text).toEqual([low, high])
      expect(f.value).toBe((low + high) / 2)
    }
  })

  it('turns "doubled" into a ratio of 2', () => {
    const f = one('We have doubled the number of our troops in Syria.')
    expect([f.kind, f.value, f.subject?.text]).toEqual(['ratio', 2, 'our troops'])
  })

  it('reads a child’s age as an age', () => {
    expect(one('A 12-year-old boy was among the injured.').kind).toBe('age')
  })
})

describe('qualifiers and intervals', () => {
  it.each([
    ['At least 40 people were killed.', 'at_least', 40, null],
    ['More than 300 people were arrested.', 'more_than', 300, null],
    ['Over 300 people were arrested.', 'more_than', 300, null],
    ['Upwards of 300 people were arrested.', 'at_least', 300, null],
    ['Almost 700 soldiers have been killed.', 'about', 630, 700],
    ['Nearly 700 soldiers have been killed.', 'about', 630, 700],
    ['About 2,000 troops are present.', 'about', 1800, 2200],
    ['Some 2,000 troops are present.', 'about', 1800, 2200],
    ['An estimated 2,000 troops are present.', 'about', 1800, 2200],
    ['Up to 50 people may be trapped.', 'at_most', 0, 50],
    ['As many as 50 people may be trapped.', 'at_most', 0, 50],
    ['Fewer than 50 people were hurt.', 'less_than', 0, 50],
    ['Under 50 people were hurt.', 'less_than', 0, 50],
    ['50 or more people were hurt.', 'at_least', 50, null],
    ['Exactly 50 people were hurt.', 'exact', 50, 50],
    // No-break spaces, as pasted from web pages and word processors into text files.
    ['At least\u00a040 people were killed.', 'at_least', 40, null],
    ['Police said more than\u00a0500 people were hurt.', 'more_than', 500, null],
    ['Almost\u202f700 soldiers have been killed.', 'about', 630, 700],
  ])('%s', (text, qualifier, low, high) => {
    const f = one(text)
    expect(f.qualifier).toBe(qualifier)
    expect(f.low).toBe(low)
    expect(f.high).toBe(high)
  })

  it.each([
    ['Dozens of people were killed in the battle.', 24, 99],
    ['Hundreds of buildings collapsed.', 200, 999],
    ['Several of its soldiers have been killed.', 3, 9],
    ['Scores of villages have been cut off.', 40, 99],
    ['A handful of protesters stayed overnight.', 3, 6],
    ['Tens of thousands of people marched.', 20_000, 99_999],
  ])('vague: %s', (text, low, high) => {
    const f = one(text)
    expect(f.qualifier).toBe('vague')
    expect(f.value).toBeNull()
    expect([f.low, f.high]).toEqual([low, high])
  })
})

describe('what is not a figure', () => {
  it.each([
    'The first IRGC personnel arrived in Syria in 2012.',
    'A recent funeral was held in Tehran.',
    'He vowed support in the country’s five-year-old war.',
    'The meeting was held on May 7.',
    'The Boeing 737 landed safely.',
    'The council passed Resolution 2254 unanimously.',
    'It could be one of the biggest losses.',
    'The talks began at 10:30 local time.',
    'Several months ago the army asked for help.',
    'Many reports say the fighting continued in the past few weeks.',
    'The F-16 crashed in COVID-19 lockdown.',
  ])('%s', (text) => {
    expect(figures(text).map((f) => f.text)).toEqual([])
  })

  it('skips list markers but keeps the numbers in the list items', () => {
    const text = 'Main points:\n  1. Isis has grown.\n  2. 300 fighters joined.'
    expect(figures(text).map((f) => f.value)).toEqual([300])
  })

  // The lexicons were plain objects: a word of the text looked up in them could find
  // Object.prototype's "constructor", and "constructor 5" became a reading on a scale.
  it.each([
    ['The constructor 5 said 12 people were killed.', [5, 12]],
    ['Police said 5 out of constructor were hurt.', [5]],
    ['A toString 7 and valueOf twenty hasOwnProperty.', [7, 20]],
  ])('reads words that name object properties as words: %s', (text, values) => {
    const found = figures(text)
    expect(found.map((f) => f.value)).toEqual(values)
    for (const f of found) {
      expect(f.kind).toBe('count')
      expect(f.unit).toBeNull()
    }
  })
})

describe('context of a figure', () => {
  it('finds measure, subject, place, scope and source in the sentence', () => {
    const f = one(
      'According to the Iranian media, at least 40 members of the Revolutionary Guards have been killed in Syria in the past 3 weeks.',
    )
    expect(f.measure?.normalized).toBe('killed')
    expect(f.subject?.text).toBe('members of the Revolutionary Guards')
    expect(f.location?.text).toBe('in Syria')
    expect(f.timeScope?.text).toBe('in the past 3 weeks')
    expect(f.timeScope?.type).toBe('window')
    expect(f.source?.text).toBe('the Iranian media')
  })

  it('resolves a time window against the publication date', () => {
    const [f] = analyzeDocument({
      docId: 't',
      text: 'At least 40 soldiers have been killed in the past 3 weeks.',
      segments: [],
      published: '2015-11-11',
    }).figures
    expect([f!.timeScope?.from, f!.timeScope?.to]).toEqual(['2015-10-21', '2015-11-11'])
  })

  it('carries the speaker of a reporting chain, with the outlet it came through', () => {
    const [a, b] = figures(
      'The Fars news agency on May 7 quoted a Revolutionary Guards official as saying that 13 military advisers had been killed and 21 wounded on May 6 in Khan Tuman.',
    )
    expect(a!.source?.text).toBe('a Revolutionary Guards official')
    expect(a!.source?.via?.text).toBe('The Fars news agency')
    expect(b!.measure?.normalized).toBe('wounded')
    expect(b!.subject?.text).toBe('military advisers')
    expect(a!.timeScope?.text).toBe('on May 6')
    expect(b!.location?.text).toBe('in Khan Tuman')
  })

  it('does not carry a place into an unrelated paragraph', () => {
    const fs = figures(
      'Rebels launched an attack in the town of Dovan on Monday.\n\nThe ministry has 40 staff.',
    )
    expect(fs[0]!.location).toBeNull()
  })

  it('leaves a passive "are believed" figure without a source', () => {
    expect(
      one('In total, at least 3,000 Iranian military personnel are believed to be in Syria.')
        .source,
    ).toBeNull()
  })

  it('carries the place of the previous sentence when the text continues the same event', () => {
    const fs = figures(
      'Rebels launched an attack in the town of Dovan on Monday.\n\nDozens of people were killed in the attack.',
    )
    expect(fs[0]!.location?.text).toBe('in the town of Dovan')
    expect(fs[0]!.evidence.join(' ')).toMatch(/carried/)
  })
})

describe('multipliers', () => {
  it.each([
    ['The region now has 10 times as many cases as it had in May.', 10, 'cases'],
    ['Officials recorded twice as many deaths as last year.', 2, 'deaths'],
    ['There were five times more arrests this year.', 5, 'arrests'],
    ['Prices are three times higher than in 2019.', 3, null],
  ])('"%s" is a ×%d ratio of %s, not a count of times', (text, value, subject) => {
    const f = one(text)
    expect(f.kind).toBe('ratio')
    expect(f.unit).toBe('times')
    expect(f.value).toBe(value)
    expect(f.subject?.text ?? null).toBe(subject)
  })

  it('keeps "10 times" a count when nothing is compared, and "twice" alone no figure', () => {
    const f = one('He was arrested 10 times in two years.')
    expect(f.kind).toBe('count')
    expect(f.value).toBe(10)
    expect(figures('He was arrested twice last year.')).toEqual([])
  })
})

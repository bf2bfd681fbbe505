import { describe, expect, it } from 'vitest'
import type { Actor, ActorLabel, Connotation, Entity, StanceCue } from '../../../shared/analysis'
import { lexiconEntrySchema } from '../../../shared/lexicon'
import {
  EMPTY_DRAFT,
  checkDraft,
  concernsDocument,
  connotationsUsed,
  contextAround,
  cuesByActor,
  describeScore,
  divergingBar,
  draftOf,
  groupLabels,
  headlineCues,
  isUserRule,
  mentionWordings,
  orderActors,
  revealPoint,
  sameEntry,
  sortEntities,
} from './framing-model'

// A passage in the style of the second seed article; offsets are computed from it, not typed.
const TEXT =
  'Syria: Iran Admits “Heavy Casualties”\n\n' +
  'Contrary to Western propaganda, only the armed forces of Syria fight ISIS. ' +
  'The army pushed back the “rebels.” Later the “rebels” withdrew from Khan Tuman, ' +
  'US-backed “insurgents” said.'

function span(text: string, from = 0): { start: number; end: number; text: string } {
  const start = TEXT.indexOf(text, from)
  if (start < 0) throw new Error(`"${text}" is not in the test text`)
  return { start, end: start + text.length, text }
}

function label(text: string, connotation: Connotation, rule: string, from = 0): ActorLabel {
  const s = span(text, from)
  return { ...s, connotation, rule }
}

let cueCount = 0
function cue(text: string, over: Partial<StanceCue> = {}, from = 0): StanceCue {
  cueCount += 1
  return {
    id: `cue-${cueCount}`,
    ...span(text, from),
    kind: 'loaded_term',
    actor: null,
    polarity: 0,
    rule: `lexicon:test "${text}"`,
    segmentRole: 'body',
    ...over,
  }
}

function actor(name: string, over: Partial<Actor> = {}): Actor {
  return {
    id: `actor-${name.toLowerCase().replace(/\s+/g, '-')}`,
    name,
    entityIds: [],
    labels: [],
    stance: { score: 0, evidence: [] },
    ...over,
  }
}

describe('groupLabels', () => {
  const firstRebels = TEXT.indexOf('rebels')
  const labels = [
    label('rebels', 'delegitimising', 'lexicon:actors.json "rebels" + rule:scare-quote'),
    label(
      'rebels',
      'delegitimising',
      'lexicon:actors.json "rebels" + rule:scare-quote',
      firstRebels + 1,
    ),
    label('US-backed “insurgents”', 'delegitimising', 'lexicon:actors.json "US-backed insurgents"'),
    label('Syria', 'neutral', 'lexicon:actors.json "Syria"'),
  ]

  it('makes one chip per wording with its count and first occurrence', () => {
    const groups = groupLabels(labels)
    const rebels = groups.find((g) => g.text === 'rebels')
    expect(rebels?.count).toBe(2)
    expect(rebels?.start).toBe(firstRebels)
    expect(rebels?.isQuoted).toBe(true)
    expect(groups).toHaveLength(3)
  })

  it('puts hostile labels before neutral ones', () => {
    const groups = groupLabels(labels)
    expect(groups.at(-1)?.connotation).toBe('neutral')
    expect(groups[0]?.connotation).toBe('delegitimising')
  })

  it('keeps different connotations of one word apart and every distinct rule', () => {
    const mixed = [
      label('rebels', 'neutral', 'rule A'),
      label('rebels', 'delegitimising', 'rule B', firstRebels + 1),
      label('rebels', 'delegitimising', 'rule C', firstRebels + 1),
    ]
    const groups = groupLabels(mixed)
    expect(groups).toHaveLength(2)
    expect(groups.find((g) => g.connotation === 'delegitimising')?.rules).toEqual([
      'rule B',
      'rule C',
    ])
  })

  it('drops a possessive so "Iran’s" joins "Iran"', () => {
    const groups = groupLabels([
      { text: 'Iran', start: 0, end: 4, connotation: 'neutral', rule: 'r' },
      { text: 'Iran’s', start: 10, end: 16, connotation: 'neutral', rule: 'r' },
    ])
    expect(groups).toEqual([expect.objectContaining({ text: 'Iran', count: 2, start: 0 })])
  })
})

describe('divergingBar', () => {
  it('grows left for hostile scores and right for favourable ones', () => {
    expect(divergingBar(-0.5)).toEqual({ left: 25, width: 25, tone: 'hostile' })
    expect(divergingBar(0.2)).toEqual({ left: 50, width: 10, tone: 'favourable' })
    expect(divergingBar(0).tone).toBe('neutral')
  })

  it('clamps scores outside -1..1 and treats NaN as no stance', () => {
    expect(divergingBar(-3)).toEqual({ left: 0, width: 50, tone: 'hostile' })
    expect(divergingBar(7)).toEqual({ left: 50, width: 50, tone: 'favourable' })
    expect(divergingBar(Number.NaN).width).toBe(0)
  })

  it('describes a score with its sign and tone', () => {
    expect(describeScore(-0.27)).toBe('−0.27 · hostile')
    expect(describeScore(0.19)).toBe('+0.19 · favourable')
    expect(describeScore(0)).toBe('0.00 · neutral')
  })
})

describe('cues and actors', () => {
  const west = actor('the West', { labels: [label('Western', 'neutral', 'r')], mentions: 1 })
  const opposition = actor('Syrian opposition', {
    labels: [label('rebels', 'delegitimising', 'r')],
    stance: { score: -0.27, evidence: [span('The army pushed back the “rebels.”')] },
    mentions: 5,
  })
  const syria = actor('Syrian government', { stance: { score: 0.6, evidence: [] }, mentions: 9 })
  const cues = [
    cue('propaganda', { actor: west.id, polarity: -0.7 }),
    cue('Admits', { kind: 'distancing', segmentRole: 'title', actor: 'actor-iran' }),
    cue('Contrary to', { kind: 'booster' }),
    cue('“rebels.”', { kind: 'scare_quote', actor: opposition.id, polarity: -0.5 }),
  ]

  it('groups cues by the actor they bear on, in text order', () => {
    const byActor = cuesByActor([...cues].reverse())
    expect(byActor.get(west.id)?.map((c) => c.text)).toEqual(['propaganda'])
    expect(byActor.get(null)?.map((c) => c.text)).toEqual(['Contrary to'])
    expect(byActor.get(opposition.id)?.[0]?.kind).toBe('scare_quote')
  })

  it('finds the headline cues', () => {
    expect(headlineCues({ stanceCues: cues }).map((c) => c.text)).toEqual(['Admits'])
  })

  it('lists delegitimised actors first, then by how strongly the document leans', () => {
    const order = orderActors([west, syria, opposition]).map((a) => a.name)
    expect(order).toEqual(['Syrian opposition', 'Syrian government', 'the West'])
  })

  it('names only the connotations in use, in the lexicon order', () => {
    expect(connotationsUsed([west, opposition])).toEqual(['neutral', 'delegitimising'])
  })

  it('reveals an evidence sentence at the actor’s own cue inside it', () => {
    const evidence = opposition.stance.evidence[0]!
    const entities: Entity[] = []
    const at = revealPoint({ stanceCues: cues, entities }, evidence, opposition.id)
    expect(TEXT.slice(at).startsWith('“rebels.”')).toBe(true)
  })

  it('falls back to an entity mention, then to the sentence start', () => {
    const sentence = span('Later the “rebels” withdrew from Khan Tuman, ')
    const khan = span('Khan Tuman')
    const entities: Entity[] = [
      {
        id: 'e1',
        type: 'place',
        name: 'Khan Tuman',
        aliases: [],
        mentions: [khan],
        evidence: [],
      },
    ]
    expect(revealPoint({ stanceCues: [], entities }, sentence, null)).toBe(khan.start)
    expect(revealPoint({ stanceCues: [], entities: [] }, sentence, null)).toBe(sentence.start)
  })
})

describe('contextAround', () => {
  it('shows the cue with whole words around it', () => {
    const p = span('propaganda')
    const ctx = contextAround(TEXT, p.start, p.end, 16)
    expect(ctx.match).toBe('propaganda')
    expect(ctx.before.startsWith('…')).toBe(true)
    expect(ctx.before.endsWith('Western ')).toBe(true)
    expect(ctx.after.endsWith('…')).toBe(true)
    // Newlines of the source collapse to spaces in a one-line snippet.
    expect(contextAround(TEXT, p.start, p.end, 60).before).not.toContain('\n')
  })

  it('needs no ellipsis at the ends of the text', () => {
    const ctx = contextAround(TEXT, 0, 5, 10)
    expect(ctx.before).toBe('')
    expect(contextAround(TEXT, TEXT.length - 5, TEXT.length).after).toBe('')
  })
})

describe('lexicon drafts', () => {
  it('turns a valid draft into an entry the boundary schema accepts', () => {
    const result = checkDraft({
      ...EMPTY_DRAFT,
      term: '  heavy   clashes ',
      kind: 'loaded',
      polarity: '−0.4',
      note: ' frames fighting as even ',
    })
    expect(result.errors).toBeNull()
    expect(result.entry).toEqual({
      term: 'heavy clashes',
      kind: 'loaded',
      polarity: -0.4,
      note: 'frames fighting as even',
    })
    expect(lexiconEntrySchema.parse(result.entry)).toEqual(result.entry)
  })

  it('rejects what main would reject, per field', () => {
    expect(checkDraft({ ...EMPTY_DRAFT, term: '   ' }).errors?.term).toBeTruthy()
    expect(checkDraft({ ...EMPTY_DRAFT, term: 'x', polarity: '2' }).errors?.polarity).toBeTruthy()
    expect(checkDraft({ ...EMPTY_DRAFT, term: 'x', polarity: 'abc' }).errors?.polarity).toBeTruthy()
    expect(checkDraft({ ...EMPTY_DRAFT, term: 'x'.repeat(201) }).errors?.term).toBeTruthy()
    expect(
      checkDraft({ ...EMPTY_DRAFT, term: 'x', note: 'n'.repeat(2001) }).errors?.note,
    ).toBeTruthy()
  })

  it('asks an actor label for its actor', () => {
    const result = checkDraft({ ...EMPTY_DRAFT, term: 'militants', kind: 'actor-label' })
    expect(result.errors?.actor).toBeTruthy()
    const ok = checkDraft({
      ...EMPTY_DRAFT,
      term: 'militants',
      kind: 'actor-label',
      actor: 'Syrian opposition',
      connotation: 'pejorative',
    })
    expect(ok.entry).toEqual({
      term: 'militants',
      kind: 'actor-label',
      actor: 'Syrian opposition',
      connotation: 'pejorative',
    })
  })

  it('round-trips an entry through the form', () => {
    const entry = {
      term: 'regime',
      kind: 'loaded' as const,
      actor: 'Syrian government',
      connotation: 'delegitimising' as const,
      polarity: -0.6,
      note: 'why',
    }
    expect(checkDraft(draftOf(entry)).entry).toEqual(entry)
  })

  it('treats the same term and kind as the same slot, whatever the case', () => {
    expect(
      sameEntry({ term: 'Clashes', kind: 'loaded' }, { term: 'clashes ', kind: 'loaded' }),
    ).toBe(true)
    expect(sameEntry({ term: 'clashes', kind: 'loaded' }, { term: 'clashes', kind: 'hedge' })).toBe(
      false,
    )
  })

  it('recognises cues from the researcher’s lexicon by their rule', () => {
    expect(isUserRule('user-lexicon "clashes" — frames fighting as even')).toBe(true)
    expect(isUserRule('lexicon:loaded-terms.json "propaganda"')).toBe(false)
  })
})

describe('entities', () => {
  const assad: Entity = {
    id: 'e-assad',
    type: 'person',
    name: 'Bashar al-Assad',
    aliases: ['Assad'],
    mentions: [
      { start: 10, end: 25, text: 'Bashar al-Assad' },
      { start: 40, end: 45, text: 'Assad' },
      { start: 90, end: 95, text: 'Assad' },
    ],
    evidence: [],
  }
  const aleppo: Entity = {
    id: 'e-aleppo',
    type: 'place',
    name: 'Aleppo',
    aliases: [],
    mentions: assad.mentions.slice(0, 3),
    evidence: [],
  }

  it('groups mentions by wording, the most frequent first', () => {
    const w = mentionWordings(assad)
    expect(w.map((x) => [x.text, x.mentions.length])).toEqual([
      ['Assad', 2],
      ['Bashar al-Assad', 1],
    ])
  })

  it('sorts by mentions, then name', () => {
    expect(sortEntities([assad, aleppo]).map((e) => e.name)).toEqual(['Aleppo', 'Bashar al-Assad'])
  })

  it('knows which invalidations concern a document', () => {
    expect(concernsDocument('all', 'a')).toBe(true)
    expect(concernsDocument(['a', 'b'], 'b')).toBe(true)
    expect(concernsDocument(['a'], 'b')).toBe(false)
  })
})

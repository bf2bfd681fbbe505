import { describe, expect, it } from 'vitest'
import type { Attribution } from '../../../src/shared/analysis'
import { analyzeDocument } from '../../../src/main/analysis/index'

function attributions(text: string): Attribution[] {
  return analyzeDocument({ docId: 't', text, segments: [], published: null }).attributions
}

describe('attributions', () => {
  it('gives a curly-quoted statement its speaker and verb', () => {
    const [a] = attributions('The mayor said “we will rebuild every house in this town”.')
    expect(a!.kind).toBe('quote')
    expect(a!.speaker?.text).toBe('The mayor')
    expect(a!.verbLemma).toBe('say')
    expect(a!.content.text).toBe('we will rebuild every house in this town')
  })

  it('finds the speaker after a quote ("…," said X)', () => {
    const [a] = attributions(
      '"We counted well over 60,000 people on the bridge," said Marta Ilić, a spokeswoman.',
    )
    expect(a!.speaker?.text).toBe('Marta Ilić')
  })

  it.each([
    ['The ministry said that 40 people died.', 'neutral'],
    ['The ministry confirmed that 40 people died.', 'assertive'],
    ['The rebels claimed that 40 soldiers died.', 'distancing'],
    ['The army admitted that 40 soldiers died.', 'concessive'],
  ])('reporting verb strength: %s', (text, strength) => {
    const [a] = attributions(text)
    expect(a!.kind).toBe('reported')
    expect(a!.verbStrength).toBe(strength)
    expect(a!.content.text).toBe(
      '40 people died'.replace('people', text.includes('soldiers') ? 'soldiers' : 'people'),
    )
  })

  it('reads "according to X" before or after the claim', () => {
    const [a] = attributions('According to Reuters, dozens of people were killed.')
    expect([a!.kind, a!.speaker?.text, a!.content.text]).toEqual([
      'according_to',
      'Reuters',
      'dozens of people were killed',
    ])
    const [b] = attributions('About 2,000 troops are present, according to the IISS.')
    expect([b!.speaker?.text, b!.content.text]).toEqual([
      'the IISS',
      'About 2,000 troops are present',
    ])
  })

  it('follows a chain: "X quoted Y as saying"', () => {
    const [a] = attributions(
      'Syria’s state news agency SANA quoted Velayati as saying that Tehran will stand by Syria.',
    )
    expect(a!.speaker?.text).toBe('Velayati')
    expect(a!.speaker?.via?.text).toBe('Syria’s state news agency SANA')
    expect(a!.content.text).toBe('Tehran will stand by Syria')
  })

  it('points "He" at the last named speaker', () => {
    const list = attributions(
      'Gen. Hossein Salami, the deputy commander, admitted that troops were there. He also added “we have doubled the number of our troops”.',
    )
    const he = list.find((a) => a.speaker?.text === 'He')
    expect(he?.speaker?.antecedent?.text).toBe('Gen. Hossein Salami')
  })

  it('does not take a noun "reports" for a reporting verb', () => {
    expect(attributions('There are many reports of shelling near the town.')).toEqual([])
  })
})

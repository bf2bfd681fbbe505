import { Button, Drawer } from '@mantine/core'
import { useState } from 'react'
import type { DocumentAnalysis } from '../../../shared/analysis'
import { ActorsPanel } from './ActorsPanel'
import { LexiconEditor } from './LexiconEditor'

interface Props {
  analysis: DocumentAnalysis
  /** The document's text, for cues in context. */
  text?: string
  /** Takes the reader to an offset (a label, a cue, an evidence sentence). */
  onReveal?: (start: number) => void
}

/**
 * The framing tab of the reader: the actors panel, with the researcher's lexicon one button
 * away. Lexicon changes make main re-analyse; the reader refetches on `analysis.invalidated`.
 */
export function FramingPanel({ analysis, text, onReveal }: Props) {
  const [isLexiconOpen, setLexiconOpen] = useState(false)
  return (
    <>
      <ActorsPanel
        analysis={analysis}
        text={text}
        onReveal={onReveal}
        toolbar={
          <Button
            size="xs"
            variant="white"
            onClick={() => setLexiconOpen(true)}
            data-testid="open-lexicon"
            style={{ flexShrink: 0 }}
          >
            Your lexicon…
          </Button>
        }
      />
      <Drawer
        opened={isLexiconOpen}
        onClose={() => setLexiconOpen(false)}
        title="Your lexicon"
        position="right"
        size={760}
        padding="lg"
      >
        <LexiconEditor />
      </Drawer>
    </>
  )
}

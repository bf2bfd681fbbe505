import { Alert, Badge, Box, Center, Group, Loader, Stack, Switch, Tabs, Text } from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentAnalysis, Figure } from '../../../shared/analysis'
import type { DocumentView } from '../../../shared/document'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { HighlightIndex, LAYER_LABELS, LAYERS, type LayerId } from '../lib/highlights'
import { buildDocumentHighlights, isDrawn } from '../lib/highlights-annotations'
import { useAnnotationLayer } from '../project/use-project'
import { formatDate } from '../lib/records'
import { DocumentText, type DocumentTextHandle } from './DocumentText'
import { StanceSummary } from './EntitiesList'
import { FiguresTable } from './FiguresTable'
import { indexAnalysis } from './HighlightCard'
import { EntityEditor } from '../framing/EntityEditor'
import { FramingPanel } from '../framing/FramingPanel'
import { concernsDocument } from '../framing/framing-model'

type Load<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string }

interface Props {
  docId: string
  /** Bumped when the library changes, so the view re-reads its metadata. */
  revision: number
  visibleLayers: ReadonlySet<LayerId>
  onToggleLayer: (layer: LayerId, isOn: boolean) => void
}

/** Loads a document and its analysis, and shows them: reader, figures table, entities. */
export function ReaderPane({ docId, revision, visibleLayers, onToggleLayer }: Props) {
  const [view, setView] = useState<Load<DocumentView>>({ state: 'loading' })
  const [analysis, setAnalysis] = useState<Load<DocumentAnalysis>>({ state: 'loading' })
  const [tab, setTab] = useState<string | null>('reader')
  const textHandle = useRef<DocumentTextHandle>(null)

  useEffect(() => {
    let isCurrent = true
    api.library.get(docId).then(
      (v) => isCurrent && setView({ state: 'ready', value: v }),
      (err: unknown) => isCurrent && setView({ state: 'error', message: errorMessage(err) }),
    )
    return () => {
      isCurrent = false
    }
  }, [docId, revision])

  const loadAnalysis = useCallback(() => {
    let isCurrent = true
    api.analysis.get(docId).then(
      (a) => isCurrent && setAnalysis({ state: 'ready', value: a }),
      (err: unknown) => isCurrent && setAnalysis({ state: 'error', message: errorMessage(err) }),
    )
    return () => {
      isCurrent = false
    }
  }, [docId])

  useEffect(() => {
    setAnalysis({ state: 'loading' })
    setTab('reader')
    return loadAnalysis()
  }, [loadAnalysis])

  useApiEvents((event) => {
    if (event.type === 'analysis.done' && event.docId === docId) loadAnalysis()
    // Lexicon changes and entity corrections: fetch again (main re-analyses if need be).
    else if (event.type === 'analysis.invalidated' && concernsDocument(event.docIds, docId)) {
      loadAnalysis()
    }
  })

  const ready = analysis.state === 'ready' ? analysis.value : null
  const layer = useAnnotationLayer()
  // Until the analysis is there, the researcher's own annotations already show.
  const highlights = useMemo(
    () => new HighlightIndex(buildDocumentHighlights(ready, docId, visibleLayers, layer)),
    [ready, docId, visibleLayers, layer],
  )
  const analysisIndex = useMemo(() => (ready ? indexAnalysis(ready) : null), [ready])
  const counts: Record<LayerId, number> = {
    figures: ready?.figures.length ?? 0,
    entities: ready?.entities.length ?? 0,
    attributions: ready?.attributions.length ?? 0,
    stance: ready?.stanceCues.length ?? 0,
    annotations: layer.annotations.filter((a) => a.target.docId === docId && isDrawn(a)).length,
  }

  const reveal = (f: Figure) => {
    setTab('reader')
    if (!visibleLayers.has('figures')) onToggleLayer('figures', true)
    // Let the reader tab mount before scrolling to the figure.
    window.setTimeout(() => textHandle.current?.reveal(f.start), 0)
  }

  const revealAt = (start: number) => {
    setTab('reader')
    if (!visibleLayers.has('stance')) onToggleLayer('stance', true)
    window.setTimeout(() => textHandle.current?.reveal(start), 0)
  }

  if (view.state === 'loading') {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    )
  }
  if (view.state === 'error') {
    return (
      <Alert color="red" title="This document could not be opened" m="md">
        {view.message}
      </Alert>
    )
  }
  const doc = view.value

  return (
    <Tabs
      value={tab}
      onChange={setTab}
      keepMounted={false}
      h="100%"
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Box px="md" pt="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Tabs.List style={{ flexWrap: 'nowrap', flexShrink: 0 }}>
            <Tabs.Tab value="reader">Reader</Tabs.Tab>
            <Tabs.Tab
              value="figures"
              rightSection={
                ready ? (
                  <Badge size="xs" variant="light">
                    {counts.figures}
                  </Badge>
                ) : null
              }
            >
              Figures
            </Tabs.Tab>
            <Tabs.Tab
              value="entities"
              rightSection={
                ready ? (
                  <Badge size="xs" variant="light">
                    {counts.entities}
                  </Badge>
                ) : null
              }
            >
              Entities
            </Tabs.Tab>
            <Tabs.Tab
              value="framing"
              rightSection={
                ready ? (
                  <Badge size="xs" variant="light" color="grape">
                    {ready.actors.length}
                  </Badge>
                ) : null
              }
            >
              Actors &amp; framing
            </Tabs.Tab>
          </Tabs.List>
          <Text size="xs" c="dimmed" lineClamp={1} pb={6} style={{ minWidth: 0 }}>
            {[doc.record.outlet, formatDate(doc.record.published), doc.record.author]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
      </Box>
      <Box px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        {analysis.state === 'loading' && (
          <Group gap="xs" data-testid="analysis-loading">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Analysing figures, entities and sources…
            </Text>
          </Group>
        )}
        {analysis.state === 'error' && (
          <Text size="sm" c="red" data-testid="analysis-error">
            Analysis failed: {analysis.message}
          </Text>
        )}
        {ready && (
          <Group gap="lg" role="group" aria-label="Highlight layers">
            {LAYERS.map((layer) => (
              <Switch
                key={layer}
                size="xs"
                checked={visibleLayers.has(layer)}
                onChange={(e) => onToggleLayer(layer, e.currentTarget.checked)}
                label={
                  <Group gap={6} wrap="nowrap">
                    <span
                      className={`px-swatch px-swatch-${layer} ${layer === 'annotations' ? 'px-hl-annotations' : ''}`}
                      aria-hidden
                    />
                    <span>
                      {LAYER_LABELS[layer]} ({counts[layer]})
                    </span>
                  </Group>
                }
                aria-label={`Show ${LAYER_LABELS[layer].toLowerCase()}`}
              />
            ))}
            <StanceSummary summary={ready.stanceSummary} />
          </Group>
        )}
      </Box>
      <Box
        style={{ flex: 1, minHeight: 0, overflow: 'auto' }}
        data-scroll-root
        data-testid="reader-scroll"
      >
        <Tabs.Panel value="reader" p="lg" pb={80}>
          <DocumentText
            text={doc.text}
            segments={doc.segments}
            highlights={highlights}
            analysisIndex={analysisIndex}
            annotations={layer.lookup}
            docId={docId}
            handleRef={textHandle}
          />
        </Tabs.Panel>
        <Tabs.Panel value="figures" p="md">
          {ready ? (
            <FiguresTable
              figures={ready.figures}
              fileName={doc.record.fileName}
              onReveal={reveal}
            />
          ) : (
            <PendingAnalysis state={analysis} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="entities" p="md">
          {ready ? (
            <EntityEditor
              docId={docId}
              analysis={ready}
              onChange={(a) => setAnalysis({ state: 'ready', value: a })}
            />
          ) : (
            <PendingAnalysis state={analysis} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="framing" p="md">
          {ready ? (
            <FramingPanel analysis={ready} text={doc.text} onReveal={revealAt} />
          ) : (
            <PendingAnalysis state={analysis} />
          )}
        </Tabs.Panel>
      </Box>
    </Tabs>
  )
}

function PendingAnalysis({ state }: { state: Load<DocumentAnalysis> }) {
  return (
    <Stack align="center" mt="xl">
      {state.state === 'error' ? <Text c="red">{state.message}</Text> : <Loader size="sm" />}
    </Stack>
  )
}

import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Center,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Switch,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentAnalysis } from '../../../shared/analysis'
import type { Comparison, FigureRef } from '../../../shared/compare'
import type { DocumentView } from '../../../shared/document'
import type { ComparisonSetup } from '../../../shared/project'
import { api, errorMessage } from '../api'
import { useApiEvents } from '../hooks/use-api-events'
import { LINK_RELATIONS } from '../../../shared/annotation'
import { LAYER_LABELS, LAYERS, type LayerId } from '../lib/highlights'
import { columnLinks, isDrawn, RELATION_LABELS } from '../lib/highlights-annotations'
import { RELATION_DASH } from '../annotations/AnnotationLinkLines'
import { useAnnotationLayer } from '../project/use-project'
import { readViewSettings, withKnownLayers } from '../annotations/layer-settings'
import { ClaimsTab } from './ClaimsTab'
import { CompareColumns, type CompareColumnsHandle } from './CompareColumns'
import { DerivationTab } from './DerivationTab'
import { FiguresTab } from './FiguresTab'
import { InconsistenciesTab } from './InconsistenciesTab'
import { LabelsTab } from './LabelsTab'
import { buildLinkIndex } from './links'
import { SourcesTab } from './SourcesTab'
import {
  parseViewSettings,
  serializeViewSettings,
  type InsightTab,
  type ViewSettings,
} from './view-settings'

/** How long the view waits after the last change before saving the settings. */
const SAVE_DELAY_MS = 600

interface Loaded {
  comparison: Comparison
  views: (DocumentView | null)[]
  analyses: (DocumentAnalysis | null)[]
  /** Ids of the comparison that are no longer in the library. */
  missing: string[]
}

type Load =
  { state: 'loading' } | { state: 'ready'; value: Loaded } | { state: 'error'; message: string }

/** Runs one saved comparison and shows it: columns, toolbar and insights panel. */
export function ComparisonView({ setup }: { setup: ComparisonSetup }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [revision, setRevision] = useState(0)
  const [settings, setSettings] = useState<ViewSettings>(() =>
    readViewSettings(setup.view, setup.docIds.length),
  )
  const annotationLayer = useAnnotationLayer()
  const latestSetup = useRef(setup)
  latestSetup.current = setup
  const columns = useRef<CompareColumnsHandle>(null)
  // The list is re-read after every save, with new arrays: only a change of documents reloads.
  const docKey = setup.docIds.join(' ')

  useEffect(() => {
    let isCurrent = true
    const docIds = docKey.split(' ').filter(Boolean)
    ;(async () => {
      const library = new Set((await api.library.list()).map((r) => r.id))
      const ids = docIds.filter((id) => library.has(id))
      const missing = docIds.filter((id) => !library.has(id))
      if (ids.length === 0)
        throw new Error('None of the documents of this comparison is in the library any more.')
      const [comparison, views, analyses] = await Promise.all([
        api.compare.run(ids),
        Promise.all(ids.map((id) => api.library.get(id).catch(() => null))),
        Promise.all(ids.map((id) => api.analysis.get(id).catch(() => null))),
      ])
      return { comparison, views, analyses, missing }
    })().then(
      (value) => {
        if (!isCurrent) return
        setLoad({ state: 'ready', value })
        setSettings((s) =>
          s.widths.length === value.comparison.documents.length
            ? s
            : { ...s, widths: parseViewSettings({}, value.comparison.documents.length).widths },
        )
      },
      (err: unknown) => isCurrent && setLoad({ state: 'error', message: errorMessage(err) }),
    )
    return () => {
      isCurrent = false
    }
  }, [docKey, revision])

  useApiEvents((event) => {
    if (event.type === 'library.changed') setRevision((r) => r + 1)
    else if (
      event.type === 'analysis.invalidated' &&
      (event.docIds === 'all' || event.docIds.some((id) => setup.docIds.includes(id)))
    )
      setRevision((r) => r + 1)
  })

  // Settings are saved with the comparison, debounced; a pending save is flushed on leaving.
  const pending = useRef<number | undefined>(undefined)
  const isFirst = useRef(true)
  const save = useCallback((s: ViewSettings) => {
    const current = latestSetup.current
    api.comparisons
      .save({
        id: current.id,
        name: current.name,
        docIds: current.docIds,
        view: withKnownLayers(serializeViewSettings(s)),
      })
      .catch(() => undefined)
  }, [])
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false
      return
    }
    window.clearTimeout(pending.current)
    pending.current = window.setTimeout(() => {
      pending.current = undefined
      save(settings)
    }, SAVE_DELAY_MS)
    return () => {
      if (pending.current !== undefined) {
        window.clearTimeout(pending.current)
        pending.current = undefined
        save(settings)
      }
    }
  }, [settings, save])

  const update = (patch: Partial<ViewSettings>) => setSettings((s) => ({ ...s, ...patch }))
  const layers = useMemo(() => new Set<LayerId>(settings.layers), [settings.layers])
  const ready = load.state === 'ready' ? load.value : null
  const links = useMemo(
    () => (ready ? buildLinkIndex(ready.comparison, ready.analyses, settings.isClaimLinks) : null),
    [ready, settings.isClaimLinks],
  )

  const toggleLayer = (layer: LayerId, isOn: boolean) =>
    update({ layers: LAYERS.filter((l) => (l === layer ? isOn : settings.layers.includes(l))) })
  const revealFigure = (ref: FigureRef) => {
    const f = ready?.analyses[ref.doc]?.figures[ref.figure]
    if (!f) return
    if (!settings.layers.includes('figures')) toggleLayer('figures', true)
    window.setTimeout(() => columns.current?.reveal(ref.doc, f.start), 0)
  }
  const revealAt = (doc: number, start: number) => columns.current?.reveal(doc, start)

  if (load.state === 'loading') {
    return (
      <Center h="100%" data-testid="comparison-loading">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Comparing {setup.docIds.length} documents…
          </Text>
        </Stack>
      </Center>
    )
  }
  if (load.state === 'error' || !ready || !links) {
    return (
      <Alert
        color="red"
        m="md"
        title="This comparison could not be run"
        data-testid="comparison-error"
      >
        {load.state === 'error' ? load.message : 'Unknown error'}
      </Alert>
    )
  }
  const { comparison, views, analyses, missing } = ready
  const counts: Record<LayerId, number> = {
    figures: analyses.reduce((n, a) => n + (a?.figures.length ?? 0), 0),
    entities: analyses.reduce((n, a) => n + (a?.entities.length ?? 0), 0),
    attributions: analyses.reduce((n, a) => n + (a?.attributions.length ?? 0), 0),
    stance: analyses.reduce((n, a) => n + (a?.stanceCues.length ?? 0), 0),
    annotations: annotationLayer.annotations.filter(
      (a) => isDrawn(a) && comparison.documents.some((d) => d.id === a.target.docId),
    ).length,
  }
  const linkCount = settings.layers.includes('annotations')
    ? columnLinks(
        annotationLayer.annotations,
        comparison.documents.map((d) => d.id),
      ).length
    : 0
  const multi = comparison.quantities.filter((q) => q.figures.length > 1).length

  return (
    <div className="px-cmp-view" data-testid="comparison-view">
      <Box className="px-cmp-toolbar">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={4} lineClamp={1} data-testid="comparison-name">
              {setup.name}
            </Title>
            <Text size="xs" c="dimmed">
              {comparison.documents.length} documents · compared in{' '}
              {Math.round(comparison.elapsedMs)} ms
            </Text>
          </Stack>
          <Tooltip label={settings.isInsightsOpen ? 'Hide insights' : 'Show insights'}>
            <ActionIcon
              variant="default"
              onClick={() => update({ isInsightsOpen: !settings.isInsightsOpen })}
              aria-label={settings.isInsightsOpen ? 'Hide insights' : 'Show insights'}
              aria-pressed={settings.isInsightsOpen}
            >
              {settings.isInsightsOpen ? '⇥' : '⇤'}
            </ActionIcon>
          </Tooltip>
        </Group>
        <Group gap="md" mt={6} role="group" aria-label="Highlight layers">
          {LAYERS.map((layer) => (
            <Switch
              key={layer}
              size="xs"
              checked={settings.layers.includes(layer)}
              onChange={(e) => toggleLayer(layer, e.currentTarget.checked)}
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
          <Box style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', height: 18 }} />
          <Switch
            size="xs"
            checked={settings.isSyncScroll}
            onChange={(e) => update({ isSyncScroll: e.currentTarget.checked })}
            label="Sync scrolling"
            aria-label="Synchronise scrolling"
          />
          <Switch
            size="xs"
            checked={settings.isClaimLinks}
            onChange={(e) => update({ isClaimLinks: e.currentTarget.checked })}
            label="Link claims"
            aria-label="Link aligned claims"
          />
        </Group>
        {linkCount > 0 && (
          <Group gap="md" mt={4} data-testid="link-legend" aria-label="Annotation link relations">
            <Text size="xs" c="dimmed">
              {linkCount} annotation link{linkCount === 1 ? '' : 's'}:
            </Text>
            {LINK_RELATIONS.map((r) => (
              <Group key={r} gap={4} wrap="nowrap">
                <svg width="22" height="8" aria-hidden className={`px-rel-${r}`}>
                  <line
                    x1="1"
                    y1="4"
                    x2="21"
                    y2="4"
                    className="px-ann-line"
                    strokeDasharray={RELATION_DASH[r]}
                  />
                </svg>
                <Text size="xs">{RELATION_LABELS[r]}</Text>
              </Group>
            ))}
          </Group>
        )}
        {missing.length > 0 && (
          <Text size="xs" c="orange.8" mt={4} data-testid="missing-documents">
            {missing.length} document{missing.length === 1 ? ' was' : 's were'} deleted from the
            library and {missing.length === 1 ? 'is' : 'are'} left out.
          </Text>
        )}
      </Box>
      <div className="px-cmp-body">
        <CompareColumns
          comparison={comparison}
          views={views}
          analyses={analyses}
          links={links}
          layers={layers}
          widths={settings.widths}
          onWidths={(widths) => update({ widths })}
          isSyncScroll={settings.isSyncScroll}
          annotations={annotationLayer}
          handleRef={columns}
        />
        {settings.isInsightsOpen && (
          <Tabs
            className="px-cmp-insights"
            value={settings.tab}
            onChange={(v) => v && update({ tab: v as InsightTab })}
            keepMounted={false}
            data-testid="insights"
          >
            <Tabs.List>
              <Tabs.Tab
                value="figures"
                rightSection={
                  <Badge size="xs" variant="light">
                    {multi}
                  </Badge>
                }
              >
                Figures
              </Tabs.Tab>
              <Tabs.Tab
                value="inconsistencies"
                rightSection={
                  comparison.inconsistencies.length ? (
                    <Badge size="xs" variant="light" color="red">
                      {comparison.inconsistencies.length}
                    </Badge>
                  ) : null
                }
              >
                Inconsistencies
              </Tabs.Tab>
              <Tabs.Tab value="claims">Claims</Tabs.Tab>
              <Tabs.Tab value="sources">Sources</Tabs.Tab>
              <Tabs.Tab value="labels">Labels &amp; stance</Tabs.Tab>
              <Tabs.Tab value="derivation">Derivation</Tabs.Tab>
            </Tabs.List>
            <ScrollArea className="px-cmp-insights-body" type="auto">
              <Box p="sm">
                <Tabs.Panel value="figures">
                  <FiguresTab comparison={comparison} analyses={analyses} onReveal={revealFigure} />
                </Tabs.Panel>
                <Tabs.Panel value="inconsistencies">
                  <InconsistenciesTab
                    comparison={comparison}
                    analyses={analyses}
                    onReveal={revealFigure}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="claims">
                  <ClaimsTab
                    comparison={comparison}
                    views={views}
                    onReveal={(s) => revealAt(s.doc, s.start)}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="sources">
                  <SourcesTab comparison={comparison} onReveal={revealAt} />
                </Tabs.Panel>
                <Tabs.Panel value="labels">
                  <LabelsTab comparison={comparison} onReveal={revealAt} />
                </Tabs.Panel>
                <Tabs.Panel value="derivation">
                  <DerivationTab comparison={comparison} />
                </Tabs.Panel>
              </Box>
            </ScrollArea>
          </Tabs>
        )}
      </div>
    </div>
  )
}

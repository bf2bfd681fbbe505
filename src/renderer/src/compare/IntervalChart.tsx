import { useId } from 'react'
import type { GroupFigure } from '../../../shared/compare'
import { formatTick, intervalScale } from './interval-scale'
import { docColor } from './present'

const WIDTH = 400
/** Room for each bar's figure as written, so a bar reads without the table beside it. */
const LABEL = 84
const LEFT = LABEL + 6
const RIGHT = 6
const ROW = 20
const AXIS = 22

/**
 * Each figure of a quantity group as a horizontal bar over one shared axis: a point for an
 * exact count, a bar for a range, and a fading arrow where the qualifier leaves it open
 * ("at least 700" runs on to the right). Closed ends are solid caps, open ends hollow.
 */
export function IntervalChart({
  intervals,
  unit,
  onPick,
}: {
  intervals: GroupFigure[]
  unit: string | null
  onPick?: (g: GroupFigure) => void
}) {
  // Gradient ids are document-wide: several charts on one page must not share them.
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const plot = WIDTH - LEFT - RIGHT
  const scale = intervalScale(intervals, plot)
  const height = intervals.length * ROW + AXIS + 4
  const x = (v: number) => LEFT + scale.x(v)
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`Interval chart${scale.isLog ? ' (logarithmic axis)' : ''}`}
      data-testid="interval-chart"
      style={{ display: 'block', maxWidth: WIDTH }}
    >
      <defs>
        {intervals.map((g, i) => (
          <linearGradient key={i} id={`${uid}-r-${i}`} x1="0" x2="1">
            <stop
              offset="0%"
              stopColor={`var(--mantine-color-${docColor(g.doc)}-5)`}
              stopOpacity={0.8}
            />
            <stop
              offset="100%"
              stopColor={`var(--mantine-color-${docColor(g.doc)}-5)`}
              stopOpacity={0}
            />
          </linearGradient>
        ))}
        {intervals.map((g, i) => (
          <linearGradient key={`l${i}`} id={`${uid}-l-${i}`} x1="1" x2="0">
            <stop
              offset="0%"
              stopColor={`var(--mantine-color-${docColor(g.doc)}-5)`}
              stopOpacity={0.8}
            />
            <stop
              offset="100%"
              stopColor={`var(--mantine-color-${docColor(g.doc)}-5)`}
              stopOpacity={0}
            />
          </linearGradient>
        ))}
      </defs>
      {scale.ticks.map((t) => (
        <g key={t.value}>
          <line
            x1={LEFT + t.x}
            x2={LEFT + t.x}
            y1={0}
            y2={height - AXIS + 4}
            stroke="var(--mantine-color-gray-3)"
            strokeDasharray="2 3"
          />
          <text
            x={LEFT + t.x}
            y={height - 6}
            fontSize={10}
            textAnchor="middle"
            fill="var(--mantine-color-gray-6)"
          >
            {t.label}
          </text>
        </g>
      ))}
      {unit && (
        <text
          x={WIDTH - RIGHT}
          y={height - 6}
          fontSize={10}
          textAnchor="end"
          fill="var(--mantine-color-gray-6)"
        >
          {unit}
          {scale.isLog ? ' (log)' : ''}
        </text>
      )}
      {intervals.map((g, i) => {
        const y = i * ROW + ROW / 2 + 2
        const color = `var(--mantine-color-${docColor(g.doc)}-6)`
        const lo = g.low === null ? LEFT : x(g.low)
        const hi = g.high === null ? WIDTH - RIGHT : x(g.high)
        const isPoint = g.low !== null && g.high !== null && hi - lo < 3
        return (
          <g
            key={i}
            data-testid="interval-bar"
            style={{ cursor: onPick ? 'pointer' : undefined }}
            onClick={() => onPick?.(g)}
          >
            <title>{`Document ${g.doc + 1}: ${g.text} (${g.qualifier}) ${g.low === null ? '−∞' : formatTick(g.low)} – ${g.high === null ? '∞' : formatTick(g.high)}`}</title>
            <rect x={0} y={y - ROW / 2} width={WIDTH} height={ROW} fill="transparent" />
            <text x={0} y={y + 3.5} fontSize={10.5} fill={color} fontWeight={600}>
              {`${g.doc + 1} · ${g.text.length > 12 ? `${g.text.slice(0, 11)}…` : g.text}`}
            </text>
            {isPoint ? (
              <circle cx={(lo + hi) / 2} cy={y} r={4.5} fill={color} />
            ) : (
              <>
                <rect
                  x={lo}
                  y={y - 4}
                  width={Math.max(hi - lo, 2)}
                  height={8}
                  rx={2}
                  fill={
                    g.high === null
                      ? `url(#${uid}-r-${i})`
                      : g.low === null
                        ? `url(#${uid}-l-${i})`
                        : color
                  }
                  opacity={g.high === null || g.low === null ? 1 : 0.75}
                />
                {g.low !== null && <Cap x={lo} y={y} color={color} isOpen={g.isLowOpen} />}
                {g.high !== null && <Cap x={hi} y={y} color={color} isOpen={g.isHighOpen} />}
                {g.high === null && (
                  <path
                    d={`M${WIDTH - RIGHT - 6},${y - 5} L${WIDTH - RIGHT},${y} L${WIDTH - RIGHT - 6},${y + 5}`}
                    fill="none"
                    stroke={color}
                    strokeWidth={1.5}
                  />
                )}
                {g.low === null && (
                  <path
                    d={`M${LEFT + 6},${y - 5} L${LEFT},${y} L${LEFT + 6},${y + 5}`}
                    fill="none"
                    stroke={color}
                    strokeWidth={1.5}
                  />
                )}
              </>
            )}
          </g>
        )
      })}
    </svg>
  )
}

function Cap({ x, y, color, isOpen }: { x: number; y: number; color: string; isOpen: boolean }) {
  return (
    <circle
      cx={x}
      cy={y}
      r={3.5}
      fill={isOpen ? 'white' : color}
      stroke={color}
      strokeWidth={1.5}
    />
  )
}

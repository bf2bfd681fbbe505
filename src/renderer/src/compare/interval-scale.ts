/** One bar of an interval chart: a figure's range; null ends are unbounded. */
export interface IntervalInput {
  low: number | null
  high: number | null
}

export interface AxisTick {
  value: number
  x: number
  label: string
}

export interface IntervalScale {
  isLog: boolean
  /** Pixel position of a value inside [0, width]. */
  x(value: number): number
  ticks: AxisTick[]
}

/**
 * The ratio of largest to smallest positive bound above which the axis is logarithmic: "at
 * least 13" beside "3,000" would otherwise be a dot against the axis.
 */
export const LOG_RATIO = 50

function niceStep(range: number, target: number): number {
  const raw = range / target
  const mag = 10 ** Math.floor(Math.log10(raw))
  const f = raw / mag
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag
}

/** "1,500", "2.5k", "1.2M": short enough for an axis. */
export function formatTick(v: number): string {
  const a = Math.abs(v)
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`
  return Number.isInteger(v) ? v.toLocaleString('en') : `${+v.toFixed(2)}`
}

/**
 * A shared horizontal axis for the intervals of one quantity group: linear from zero for
 * ordinary counts, logarithmic when bounds differ by more than LOG_RATIO, with headroom at the
 * right so open-ended bars ("at least 700") visibly run on past the largest bound.
 */
export function intervalScale(intervals: readonly IntervalInput[], width: number): IntervalScale {
  const bounds = intervals
    .flatMap((i) => [i.low, i.high])
    .filter((v): v is number => v !== null && Number.isFinite(v))
  const hasOpenHigh = intervals.some((i) => i.high === null)
  if (bounds.length === 0) {
    return { isLog: false, x: () => width / 2, ticks: [] }
  }
  const maxB = Math.max(...bounds)
  const minB = Math.min(...bounds)
  const positive = bounds.filter((v) => v > 0)
  const minPos = positive.length ? Math.min(...positive) : 0
  const isLog = minB >= 0 && minPos > 0 && maxB / minPos > LOG_RATIO

  if (isLog) {
    const lo = Math.floor(Math.log10(minPos))
    const hiBound = Math.log10(maxB) + (hasOpenHigh ? 0.35 : 0.1)
    const hi = Math.max(hiBound, lo + 1)
    const x = (v: number) => (width * (Math.log10(Math.max(v, 10 ** lo)) - lo)) / (hi - lo)
    const ticks: AxisTick[] = []
    for (let p = lo; p <= Math.floor(hi); p++) {
      ticks.push({ value: 10 ** p, x: x(10 ** p), label: formatTick(10 ** p) })
    }
    return { isLog, x, ticks }
  }

  const lo = minB >= 0 ? 0 : minB
  const span = Math.max(maxB - lo, Math.abs(maxB) * 0.1, 1)
  const hi = maxB + span * (hasOpenHigh ? 0.25 : 0.08)
  const x = (v: number) => (width * (v - lo)) / (hi - lo)
  const step = niceStep(hi - lo, 4)
  const ticks: AxisTick[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
    ticks.push({ value: v, x: x(v), label: formatTick(v) })
  }
  return { isLog, x, ticks }
}

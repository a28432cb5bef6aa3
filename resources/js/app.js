import '../css/app.css'
// One name per part of Chart.js used here (the others are left out of the bundle).
import * as charts from 'chart.js'

charts.Chart.register(
  charts.BarController,
  charts.BarElement,
  charts.LineController,
  charts.LineElement,
  charts.PointElement,
  charts.DoughnutController,
  charts.ArcElement,
  charts.CategoryScale,
  charts.LinearScale,
  charts.Legend,
  charts.Tooltip
)

const numberFormat = new Intl.NumberFormat('fr-FR')

/**
 * Okabe–Ito colours (told apart by colour-blind readers), ordered so that neighbours also
 * differ in lightness when printed in grey. Each series also has its own hatching (bars,
 * slices), dash pattern and point shape (lines), and the legend shows them: a chart never
 * relies on colour alone.
 */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
  '#000000',
]
const DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4], [1, 2]]
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross']
const HATCHES = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'reverse', 'vertical', 'grid']

/** A fill of `colour` with white hatching of one kind (CanvasPattern; plain colour for 'solid'). */
function hatch(colour, kind) {
  if (kind === 'solid') return colour
  const tile = document.createElement('canvas')
  tile.width = tile.height = 10
  const c = tile.getContext('2d')
  c.fillStyle = colour
  c.fillRect(0, 0, 10, 10)
  c.strokeStyle = 'rgba(255, 255, 255, 0.85)'
  c.fillStyle = 'rgba(255, 255, 255, 0.85)'
  c.lineWidth = 2
  const line = (x1, y1, x2, y2) => {
    c.beginPath()
    c.moveTo(x1, y1)
    c.lineTo(x2, y2)
    c.stroke()
  }
  if (kind === 'diagonal' || kind === 'cross') line(0, 10, 10, 0)
  if (kind === 'reverse' || kind === 'cross') line(0, 0, 10, 10)
  if (kind === 'horizontal' || kind === 'grid') line(0, 5, 10, 5)
  if (kind === 'vertical' || kind === 'grid') line(5, 0, 5, 10)
  if (kind === 'dots') {
    c.beginPath()
    c.arc(5, 5, 2, 0, Math.PI * 2)
    c.fill()
  }
  return c.createPattern(tile, 'repeat')
}

/**
 * The look of series `index` of a chart: `role` names the series that mean something
 * ('threshold': a black dashed line; 'previous': the N-1 year, grey and hatched), the others
 * take the palette in order.
 */
function styleOf(dataset, index, chartType) {
  if (dataset.role === 'threshold') {
    return {
      type: 'line',
      borderColor: '#000000',
      backgroundColor: '#000000',
      borderDash: [8, 4],
      borderWidth: 2,
      pointStyle: 'crossRot',
      pointRadius: 5,
      fill: false,
      order: -1,
    }
  }
  const colour = dataset.role === 'previous' ? '#8C8C8C' : PALETTE[index % PALETTE.length]
  const pattern = dataset.role === 'previous' ? 'diagonal' : HATCHES[index % HATCHES.length]
  if ((dataset.type ?? chartType) === 'line') {
    return {
      borderColor: colour,
      backgroundColor: colour,
      borderDash: DASHES[index % DASHES.length],
      borderWidth: 2,
      pointStyle: POINTS[index % POINTS.length],
      pointRadius: 4,
    }
  }
  return {
    backgroundColor: hatch(colour, pattern),
    borderColor: colour,
    borderWidth: 1,
    pointStyle: POINTS[index % POINTS.length],
  }
}

/** A doughnut's slices: one colour and hatching each, white borders between them. */
function sliceStyle(dataset) {
  const colours = dataset.data.map((_, i) => PALETTE[i % PALETTE.length])
  return {
    backgroundColor: colours.map((colour, i) => hatch(colour, HATCHES[i % HATCHES.length])),
    borderColor: '#ffffff',
    borderWidth: 2,
  }
}

// Charts enhance a table that stays in the page: without JavaScript, the table is the chart.
for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart)
  const type = spec.type ?? 'bar'
  const datasets = spec.datasets.map((dataset, index) => ({
    ...dataset,
    ...(type === 'doughnut' ? sliceStyle(dataset) : styleOf(dataset, index, type)),
  }))
  new charts.Chart(canvas, {
    type,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      animation: false,
      plugins: {
        legend: {
          display: spec.datasets.length > 1 || type === 'doughnut',
          labels: { usePointStyle: type !== 'doughnut', color: '#1b1f24' },
        },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label ?? item.label}: ${numberFormat.format(item.raw)}`,
          },
        },
      },
      scales:
        type === 'doughnut'
          ? {}
          : {
              x: { ticks: { color: '#1b1f24' }, grid: { color: '#d0d7de' } },
              y: {
                ticks: { color: '#1b1f24', callback: (value) => numberFormat.format(value) },
                grid: { color: '#d0d7de' },
              },
            },
    },
  })
}

// Confirm destructive actions (forms carry data-confirm="message").
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault()
  })
}

// Long imports: show progress while the file uploads and is checked.
for (const form of document.querySelectorAll('form[data-upload-progress]')) {
  form.addEventListener('submit', (event) => {
    const bar = form.querySelector('progress')
    if (!bar || !window.XMLHttpRequest) return
    event.preventDefault()
    const request = new XMLHttpRequest()
    request.open(form.method, form.action)
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100)
    })
    request.addEventListener('load', () => {
      document.open()
      document.write(request.responseText)
      document.close()
      window.history.replaceState(null, '', request.responseURL)
    })
    bar.hidden = false
    request.send(new FormData(form))
  })
}

// Wide tables scroll inside their own box, not the page (pages that know a table is wide wrap
// it themselves): the box is focusable, so the keyboard can scroll it, and named by the caption.
let tableCount = 0
for (const table of document.querySelectorAll('table.data')) {
  if (table.closest('.table-scroll')) continue
  const box = document.createElement('div')
  box.className = 'table-scroll'
  box.tabIndex = 0
  box.setAttribute('role', 'region')
  const caption = table.querySelector('caption')
  if (caption) {
    caption.id ||= `tableau-${++tableCount}`
    box.setAttribute('aria-labelledby', caption.id)
  } else {
    box.setAttribute('aria-label', 'Tableau')
  }
  table.replaceWith(box)
  box.append(table)
}

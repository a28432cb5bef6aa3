import '../css/app.css'
import {
  Chart,
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
} from 'chart.js'

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip
)

const numberFormat = new Intl.NumberFormat('fr-FR')

// Charts enhance a table that stays in the page: without JavaScript, the table is the chart.
for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart)
  new Chart(canvas, {
    type: spec.type ?? 'bar',
    data: { labels: spec.labels, datasets: spec.datasets },
    options: {
      responsive: true,
      animation: false,
      plugins: {
        legend: { display: spec.datasets.length > 1 || spec.type === 'doughnut' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? item.label}: ${numberFormat.format(item.raw)}`,
          },
        },
      },
      scales:
        spec.type === 'doughnut'
          ? {}
          : { y: { ticks: { callback: (value) => numberFormat.format(value) } } },
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

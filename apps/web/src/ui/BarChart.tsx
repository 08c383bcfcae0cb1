/**
 * A bar chart (Chart.js) with its numbers also in a table, so that it reads
 * without sight and without the canvas: the canvas is an image with a summary.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LogarithmicScale,
  Tooltip,
} from "chart.js"
import { createEffect, For, onCleanup, onMount } from "solid-js"

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip)

export interface Bar {
  readonly label: string
  readonly value: number
  /** How the value reads in the table and the tooltip. */
  readonly text: string
}

export const BarChart = (props: {
  title: string
  bars: readonly Bar[]
  max?: number
  logarithmic?: boolean
  valueHeading: string
}) => {
  let canvas: HTMLCanvasElement | undefined
  let chart: Chart<"bar"> | undefined
  onMount(() => {
    if (canvas === undefined || typeof canvas.getContext !== "function") return
    const context = canvas.getContext("2d")
    if (context === null) return
    chart = new Chart(context, {
      type: "bar",
      data: { labels: [], datasets: [{ data: [], backgroundColor: "#1f6f5c", borderRadius: 4 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: {
            type: props.logarithmic === true ? "logarithmic" : "linear",
            beginAtZero: true,
            ...(props.max === undefined ? {} : { max: props.max }),
          },
        },
        plugins: {
          tooltip: { callbacks: { label: (item) => props.bars[item.dataIndex]?.text ?? "" } },
        },
      },
    })
  })
  createEffect(() => {
    const bars = props.bars
    if (chart === undefined) return
    chart.data.labels = bars.map((b) => b.label)
    const dataset = chart.data.datasets[0]
    if (dataset !== undefined) dataset.data = bars.map((b) => b.value)
    chart.update()
  })
  onCleanup(() => chart?.destroy())
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${props.title}: ${props.bars.map((b) => `${b.label} ${b.text}`).join(", ")}`}
        />
      </div>
      <table class="chart-table">
        <thead>
          <tr>
            <th scope="col">{props.title}</th>
            <th scope="col">{props.valueHeading}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.bars}>
            {(b) => (
              <tr>
                <th scope="row">{b.label}</th>
                <td>{b.text}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  )
}

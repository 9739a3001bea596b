import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

/** Diagonal hatching, so two series differ by pattern as well as colour. */
export const hatch = (colour: string): CanvasPattern | string => {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const context = tile.getContext('2d');
  if (context === null) return colour;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(0, 8);
  context.lineTo(8, 0);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.stroke();
  return context.createPattern(tile, 'repeat') ?? colour;
};

const charts = new Map<string, Chart>();

/** Draws (or redraws) the chart on the canvas with that id, in its box `{id}-box`. Animations off: figures appear at once. */
export const drawChart = (canvasId: string, config: ChartConfiguration<'bar'>): void => {
  charts.get(canvasId)?.destroy();
  document.getElementById(`${canvasId}-box`)!.hidden = false;
  const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
  charts.set(canvasId, new Chart(canvas, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } }));
};

export const clearChart = (canvasId: string): void => {
  charts.get(canvasId)?.destroy();
  charts.delete(canvasId);
  document.getElementById(`${canvasId}-box`)!.hidden = true;
};

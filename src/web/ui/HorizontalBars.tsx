import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { formatNumber } from '../labels';

/**
 * A horizontal bar chart of one series, one bar per labelled row, values written on the bars and
 * no tooltip (the figures are read from the bars and from ChartFigure's table, not on hover).
 */
export function HorizontalBars<Row extends { label: string }>(props: {
  data: Row[];
  series: { name: keyof Row & string; label: string; color: string };
  /** Width of the label axis, in pixels. */
  labelWidth: number;
  /** Height given to each bar and the least height of the chart, in pixels. */
  rowHeight?: number;
  minHeight?: number;
}) {
  return (
    <BarChart
      h={Math.max(props.minHeight ?? 160, props.data.length * (props.rowHeight ?? 34))}
      data={props.data}
      dataKey="label"
      orientation="vertical"
      series={[props.series]}
      withBarValueLabel
      withTooltip={false}
      gridAxis="none"
      yAxisProps={{ width: props.labelWidth }}
      barChartProps={{ margin: { right: 48 } }}
      valueFormatter={(v) => formatNumber(v)}
    />
  );
}

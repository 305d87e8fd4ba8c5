/* gf-chart-layout.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The geometry of a chart as plain data: plot area, ticks, labels, marks, legend. Computing it
 * measures text with Pango but draws nothing; gf-chart-render.h draws it on any cairo_t.
 */

#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/**
 * GfChartKind:
 * @GF_CHART_KIND_LINE: one line per series over the categories (years); direct end-of-line
 *   labels, or a legend when they do not fit
 * @GF_CHART_KIND_GROUPED_BAR: one bar per series side by side in each category
 * @GF_CHART_KIND_STACKED_BAR: the series stacked in each category (land composition);
 *   positive parts stack up from zero and negative parts down
 * @GF_CHART_KIND_GROWTH_BAR: changes in percent (12.5 means +12.5 %), signed tick and value
 *   labels; a single series is coloured by sign
 * @GF_CHART_KIND_DONUT: shares of the categories, from the first series (negative and missing
 *   values are left out)
 * @GF_CHART_KIND_RANKED_BAR: horizontal bars of the first series, largest first (TOP-N)
 * @GF_CHART_KIND_SPARKLINE: a word-sized line without axes or text (the last value optionally)
 * @GF_CHART_KIND_SMALL_MULTIPLES: one small line chart per series on a shared value scale
 *
 * The kinds of chart the engine lays out.
 */
typedef enum
{
  GF_CHART_KIND_LINE,
  GF_CHART_KIND_GROUPED_BAR,
  GF_CHART_KIND_STACKED_BAR,
  GF_CHART_KIND_GROWTH_BAR,
  GF_CHART_KIND_DONUT,
  GF_CHART_KIND_RANKED_BAR,
  GF_CHART_KIND_SPARKLINE,
  GF_CHART_KIND_SMALL_MULTIPLES,
} GfChartKind;

/**
 * GfChartSeries:
 * @name: the name shown in the legend, end label or panel title
 * @values: one value per category, in the unit of the spec; NaN (or any non-finite value)
 *   means missing: a line breaks there and no bar is drawn
 * @n_values: the length of @values; categories beyond it are missing
 * @color: (nullable): the series' own colour as #RRGGBB (a cluster's colour, so that a
 *   cluster looks the same on the map and in every chart); %NULL takes the palette's
 *
 * One series of numbers. The memory is the caller's.
 */
typedef struct
{
  const char   *name;
  const double *values;
  guint         n_values;
  const char   *color;
} GfChartSeries;

/**
 * GfChartSpec:
 * @kind: what to draw
 * @title: (nullable): the title
 * @subtitle: (nullable): a line under the title
 * @source: (nullable): a source line at the bottom left, e.g. "来源：区农业农村局"
 * @unit: (nullable): the unit of the values ("元", "万元", "亩", …); the axis scales it
 *   (see gf_unit_scale_choose()) and writes the scaled unit once in its title.
 *   Ignored by %GF_CHART_KIND_GROWTH_BAR, whose values are percentages
 * @keep_unit: do not scale @unit: the axis and the values stay in it, with thousands
 *   separators (per-capita incomes are quoted in 元: "45,200 元", not "4.52 万元")
 * @category_colors: (array length=n_categories) (nullable): %GF_CHART_KIND_DONUT and
 *   %GF_CHART_KIND_RANKED_BAR: each category's own colour as #RRGGBB, or %NULL entries for
 *   the palette's (a cluster's colour, as on the map)
 * @category_notes: (array length=n_categories) (nullable): %GF_CHART_KIND_RANKED_BAR: a short
 *   note written after each category's value, e.g. a rank change "▲2", or %NULL entries
 * @value_label: (nullable): what the values are, e.g. "收入"; the axis title becomes
 *   "收入（万元）" instead of the bare unit
 * @categories: the category labels (years as strings, or names), @n_categories of them
 * @n_categories: the number of categories
 * @series: the series, @n_series of them
 * @n_series: the number of series
 * @no_data_message: (nullable): the translated sentence shown in the middle of the chart when
 *   there is nothing to draw, e.g. _("No data for this indicator"); the engine has no text
 *   of its own
 * @width: the canvas width, in user units (pixels on screen, points in a PDF)
 * @height: the canvas height
 * @font_scale: a factor on every font size (briefings use 1.5–2); 0 means 1
 * @top_n: %GF_CHART_KIND_RANKED_BAR: how many rows to show at most; 0 means all
 * @high_contrast: use the high-contrast palette, darker ink and thicker lines
 * @show_values: write the values next to the marks (dropped where they would collide)
 * @transparent: do not paint a background
 *
 * What to draw. Every pointer is borrowed: the spec must stay valid while a layout computed
 * from it is rendered or highlighted. gf_chart_spec_copy() makes a copy that owns its memory.
 */
typedef struct
{
  GfChartKind          kind;
  const char          *title;
  const char          *subtitle;
  const char          *source;
  const char          *unit;
  gboolean             keep_unit;
  const char          *value_label;
  const char * const  *categories;
  guint                n_categories;
  const char * const  *category_colors;
  const char * const  *category_notes;
  const GfChartSeries *series;
  guint                n_series;
  const char          *no_data_message;
  double               width;
  double               height;
  double               font_scale;
  guint                top_n;
  gboolean             high_contrast;
  gboolean             show_values;
  gboolean             transparent;
} GfChartSpec;

/**
 * GfChartRect:
 * @x: left edge
 * @y: top edge
 * @width: width (never negative)
 * @height: height (never negative)
 *
 * An axis-aligned rectangle in canvas coordinates.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} GfChartRect;

/**
 * GfChartTextRole:
 * @GF_CHART_TEXT_TITLE: the chart title
 * @GF_CHART_TEXT_SUBTITLE: the line under the title
 * @GF_CHART_TEXT_SOURCE: the source line
 * @GF_CHART_TEXT_AXIS_TITLE: the value axis title with its scaled unit
 * @GF_CHART_TEXT_TICK_LABEL: a value axis tick label
 * @GF_CHART_TEXT_CATEGORY_LABEL: a category (year or name) label, maybe rotated
 * @GF_CHART_TEXT_LEGEND: a legend entry
 * @GF_CHART_TEXT_END_LABEL: a series name at the end of its line, or a donut slice label
 * @GF_CHART_TEXT_VALUE_LABEL: a value written next to its mark
 * @GF_CHART_TEXT_PANEL_TITLE: the series name above a small multiple
 * @GF_CHART_TEXT_CENTER_LABEL: the total in the hole of a donut
 * @GF_CHART_TEXT_MESSAGE: the no-data message
 * @GF_CHART_TEXT_RANK: the rank number of a ranked bar
 *
 * What a placed text is for.
 */
typedef enum
{
  GF_CHART_TEXT_TITLE,
  GF_CHART_TEXT_SUBTITLE,
  GF_CHART_TEXT_SOURCE,
  GF_CHART_TEXT_AXIS_TITLE,
  GF_CHART_TEXT_TICK_LABEL,
  GF_CHART_TEXT_CATEGORY_LABEL,
  GF_CHART_TEXT_LEGEND,
  GF_CHART_TEXT_END_LABEL,
  GF_CHART_TEXT_VALUE_LABEL,
  GF_CHART_TEXT_PANEL_TITLE,
  GF_CHART_TEXT_CENTER_LABEL,
  GF_CHART_TEXT_MESSAGE,
  GF_CHART_TEXT_RANK,
} GfChartTextRole;

/**
 * GfChartText:
 * @role: what the text is for
 * @text: the full text (what is drawn may be shortened with an ellipsis, see @ellipsized)
 * @x: the x of the rotation origin
 * @y: the y of the rotation origin
 * @angle: the rotation about (@x, @y) in radians, positive clockwise as in cairo
 * @dx: the left of the text box relative to the origin, in the rotated frame
 * @dy: the top of the text box relative to the origin, in the rotated frame
 * @width: the unrotated width of the text box
 * @height: the unrotated height of the text box
 * @rect: the axis-aligned bounds of the (rotated) box on the canvas
 * @series: the series it belongs to, or -1
 * @category: the category it belongs to, or -1
 * @panel: the small-multiple panel it belongs to, or -1
 * @ellipsized: whether the drawn text was shortened to fit
 *
 * A text placed on the canvas. The box is the logical extent measured by Pango.
 */
typedef struct
{
  GfChartTextRole  role;
  char            *text;
  double           x;
  double           y;
  double           angle;
  double           dx;
  double           dy;
  double           width;
  double           height;
  GfChartRect      rect;
  int              series;
  int              category;
  int              panel;
  gboolean         ellipsized;

  /*< private >*/
  PangoLayout     *layout;
  double           layout_x;
  double           layout_y;
} GfChartText;

/**
 * GfChartTick:
 * @value: the tick value in the scaled unit of the axis
 * @position: its canvas coordinate along the axis (y for vertical axes, x for horizontal)
 * @text: the index of its label in #GfChartLayout.texts, or -1 when the label was dropped
 *
 * One tick of the value axis.
 */
typedef struct
{
  double value;
  double position;
  int    text;
} GfChartTick;

/**
 * GfChartAxis:
 * @visible: whether the axis has ticks at all (not for donuts, sparklines or empty charts)
 * @horizontal: whether values run along x (ranked bars) rather than y
 * @percent: whether the values are percentages with signed labels
 * @min: the lowest tick, in the scaled unit
 * @max: the highest tick, in the scaled unit
 * @step: the distance between ticks: 1, 2 or 5 × 10ⁿ
 * @divisor: raw value / @divisor = scaled value
 * @unit: (nullable): the scaled unit, e.g. "亿元"
 * @decimals: the decimals of the tick labels
 * @ticks: the ticks, lowest first
 * @n_ticks: the number of ticks
 * @title_text: the index of the axis title in #GfChartLayout.texts, or -1
 *
 * The value axis.
 */
typedef struct
{
  gboolean     visible;
  gboolean     horizontal;
  gboolean     percent;
  double       min;
  double       max;
  double       step;
  double       divisor;
  char        *unit;
  int          decimals;
  GfChartTick *ticks;
  guint        n_ticks;
  int          title_text;
} GfChartAxis;

/**
 * GfChartMarkKind:
 * @GF_CHART_MARK_BAR: a bar (@rect)
 * @GF_CHART_MARK_POINT: a point of a line (@x, @y; @rect is a small box around it)
 * @GF_CHART_MARK_ARC: a donut slice (centre @x, @y, radii and angles; @rect bounds the ring)
 * @GF_CHART_MARK_GAP: a category where every series is missing (@rect spans the plot height)
 *
 * The kinds of data mark.
 */
typedef enum
{
  GF_CHART_MARK_BAR,
  GF_CHART_MARK_POINT,
  GF_CHART_MARK_ARC,
  GF_CHART_MARK_GAP,
} GfChartMarkKind;

/**
 * GfChartMark:
 * @kind: the kind of mark
 * @series: the series index (for donuts: 0), or -1 for gaps
 * @category: the category index
 * @panel: the panel index (small multiples), or 0
 * @value: the raw value, in the unit of the spec
 * @rect: the bar, or the bounds of the point or slice
 * @x: point x, or the donut centre x
 * @y: point y, or the donut centre y
 * @inner_radius: donut inner radius
 * @outer_radius: donut outer radius
 * @start_angle: slice start in radians (cairo convention, 0 = 3 o'clock, clockwise)
 * @end_angle: slice end in radians
 * @connect_previous: for points: the line joins this point to the point of the previous
 *   category; %FALSE after a missing value, so a gap is drawn rather than a made-up zero
 *
 * One data mark.
 */
typedef struct
{
  GfChartMarkKind kind;
  int             series;
  int             category;
  int             panel;
  double          value;
  GfChartRect     rect;
  double          x;
  double          y;
  double          inner_radius;
  double          outer_radius;
  double          start_angle;
  double          end_angle;
  gboolean        connect_previous;
} GfChartMark;

/**
 * GfChartLegendItem:
 * @series: the series it stands for, or -1
 * @category: the category it stands for (donut slices), or -1
 * @swatch: the colour swatch
 * @text: the index of its text in #GfChartLayout.texts
 *
 * One legend entry.
 */
typedef struct
{
  int         series;
  int         category;
  GfChartRect swatch;
  int         text;
} GfChartLegendItem;

/**
 * GfChartLeader:
 * @series: the series (end labels), or -1
 * @category: the category (donut labels), or -1
 * @x1: start x, at the mark
 * @y1: start y
 * @x2: end x, at the label
 * @y2: end y
 *
 * A thin line from a mark to its label.
 */
typedef struct
{
  int    series;
  int    category;
  double x1;
  double y1;
  double x2;
  double y2;
} GfChartLeader;

/**
 * GfChartPanel:
 * @plot: the plot area of the panel
 * @series: the series it shows (small multiples), or -1 when it shows them all
 *
 * A plot area. Every chart has one, small multiples have one per series.
 */
typedef struct
{
  GfChartRect plot;
  int         series;
} GfChartPanel;

/**
 * GfChartLayout:
 * @kind: the kind of chart
 * @width: the canvas width
 * @height: the canvas height
 * @has_data: whether there was anything to draw; when %FALSE only the titles and the
 *   message are placed
 * @high_contrast: whether the high-contrast style applies
 * @font_scale: the font scale used
 * @plot: the main plot area (the first panel; for donuts the square of the ring)
 * @value_axis: the value axis
 * @n_categories: the number of categories of the spec
 * @band: the width of a category band (the row height for ranked bars)
 * @line_markers: whether lines carry a marker at every point (off when points crowd)
 * @line_width: the stroke width of data lines
 * @value_decimals: the decimals of value labels and hover values (the same for the whole
 *   chart, so that values compare at a glance)
 * @rows: ranked bars: the category index of each row, top first
 * @n_rows: the number of rows
 * @texts: every text placed, in the order they were placed; no two overlap and all lie
 *   inside the canvas
 * @n_texts: the number of texts
 * @marks: the data marks
 * @n_marks: the number of marks
 * @legend: the legend entries
 * @n_legend: the number of legend entries
 * @leaders: lines from marks to their labels
 * @n_leaders: the number of leaders
 * @panels: the plot areas
 * @n_panels: the number of panels
 * @message_text: the index of the no-data message in @texts, or -1
 *
 * The computed geometry of a chart. Everything is public and read-only; free it with
 * gf_chart_layout_free().
 */
typedef struct
{
  GfChartKind        kind;
  double             width;
  double             height;
  gboolean           has_data;
  gboolean           high_contrast;
  double             font_scale;
  GfChartRect        plot;
  GfChartAxis        value_axis;
  guint              n_categories;
  double             band;
  gboolean           line_markers;
  double             line_width;
  int                value_decimals;
  int               *rows;
  guint              n_rows;
  GfChartText       *texts;
  guint              n_texts;
  GfChartMark       *marks;
  guint              n_marks;
  GfChartLegendItem *legend;
  guint              n_legend;
  GfChartLeader     *leaders;
  guint              n_leaders;
  GfChartPanel      *panels;
  guint              n_panels;
  int                message_text;

  /*< private >*/
  PangoContext      *context;
  double             total;
  gboolean           transparent;
  guint              n_series;
  gint32            *series_rgb;      /* per series: 0xRRGGBB of its own colour, or -1 */
  gint32            *category_rgb;    /* per category (donuts, ranked bars): the same */
} GfChartLayout;

#define GF_CHART_FONT_FAMILY "Noto Sans CJK SC, Noto Sans, sans"

GfChartLayout *gf_chart_layout_compute            (const GfChartSpec   *spec,
                                                   PangoContext        *context);
void           gf_chart_layout_free               (GfChartLayout       *layout);
guint32        gf_chart_layout_series_color       (const GfChartLayout *layout,
                                                   guint                series);
gboolean       gf_chart_layout_category_color     (const GfChartLayout *layout,
                                                   guint                category,
                                                   guint32             *rgb);
int            gf_chart_layout_category_at        (const GfChartLayout *layout,
                                                   double               x,
                                                   double               y);
double         gf_chart_layout_category_center    (const GfChartLayout *layout,
                                                   guint                panel,
                                                   guint                category);
PangoContext  *gf_chart_create_pango_context      (PangoFontMap        *font_map);
char          *gf_chart_layout_format_value       (const GfChartLayout *layout,
                                                   double               value,
                                                   gboolean             with_unit);

gboolean       gf_chart_nice_ticks                (double               lo,
                                                   double               hi,
                                                   guint                max_intervals,
                                                   double              *tick_min,
                                                   double              *tick_max,
                                                   double              *step);

void           gf_chart_text_get_corners          (const GfChartText   *text,
                                                   double               corners[8]);
gboolean       gf_chart_text_overlaps             (const GfChartText   *a,
                                                   const GfChartText   *b);
gboolean       gf_chart_text_inside               (const GfChartText   *text,
                                                   double               width,
                                                   double               height);

double         gf_chart_spec_value                (const GfChartSpec   *spec,
                                                   guint                series,
                                                   guint                category);
GfChartSpec   *gf_chart_spec_copy                 (const GfChartSpec   *spec);
void           gf_chart_spec_free                 (GfChartSpec         *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfChartLayout, gf_chart_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfChartSpec, gf_chart_spec_free)

G_END_DECLS

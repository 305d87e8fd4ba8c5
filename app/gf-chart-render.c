/* gf-chart-render.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a GfChartLayout on any cairo_t (a widget snapshot, an image, SVG, PDF or a print
 * page) and exports charts to files. Drawing makes no decision about geometry and creates no
 * text except the hover callout: it strokes what the layout placed and shows the PangoLayouts
 * the layout already measured, which keeps a redraw of a 12 × 15 chart at 1920 × 1080 within a
 * few milliseconds.
 */

#define G_LOG_DOMAIN "gf-chart-render"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <png.h>

#include "gf-chart-render.h"
#include "gf-number-format.h"
#include "gf-output.h"

/* Okabe–Ito and Tol "muted" hues, darkened until each has at least 3:1 contrast on white (the
 * lightest, #D55E00, has 3.9:1). Colour alone cannot tell twelve series apart for every
 * reader, so lines also differ in dash pattern and marker. */
static const guint32 palette[] = {
  0x0072B2, /* blue */
  0xD55E00, /* vermillion */
  0x00876A, /* bluish green */
  0xA8478A, /* reddish purple */
  0x9A6700, /* ochre */
  0x332288, /* indigo */
  0xB84A5C, /* rose */
  0x5D7A1F, /* olive */
  0x882255, /* wine */
  0x1F7F8C, /* teal */
  0x7B5B3A, /* brown */
  0x595959, /* grey */
};

/* High contrast: every colour at 6:1 or more on white. */
static const guint32 palette_high_contrast[] = {
  0x0046AD, 0xB22C00, 0x006B3C, 0x7A1FA2, 0x7A5000, 0xA0005A,
  0x00607A, 0x000000, 0x4F6B00, 0x6A2CD9, 0x8C3B00, 0x3B3B3B,
};

/* Dash patterns in multiples of the line width, drawn with butt caps: round caps (and the short
 * periods that round dots need) made cairo's stroker three to five times slower, which broke
 * the redraw budget with twelve series. */
static const double dashes_dashed[] = { 4.0, 2.0 };
static const double dashes_dotted[] = { 1.0, 1.6 };
static const double dashes_dash_dot[] = { 5.0, 2.0, 1.0, 2.0 };

typedef struct
{
  guint32 title;
  guint32 text;
  guint32 muted;
  guint32 grid;
  guint32 baseline;
  guint32 background;
  guint32 gap;
  guint32 gap_hatch;
} Ink;

static const Ink ink_normal = {
  0x1A1A1A, 0x262626, 0x4D4D4D, 0xE3E3E3, 0x6E6E6E, 0xFFFFFF, 0xF4F4F4, 0xE2E2E2,
};

static const Ink ink_high_contrast = {
  0x000000, 0x000000, 0x000000, 0x8C8C8C, 0x000000, 0xFFFFFF, 0xEBEBEB, 0x9A9A9A,
};

G_DEFINE_QUARK (gf-chart-error-quark, gf_chart_error)

static const Ink *
layout_ink (const GfChartLayout *layout)
{
  return layout->high_contrast ? &ink_high_contrast : &ink_normal;
}

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
set_color_alpha (cairo_t *cr,
                 guint32  rgb,
                 double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* A donut slice's colour: its category's own (a cluster's, as on the map) or the palette's. */
static guint32
slice_color (const GfChartLayout *layout,
             int                  category)
{
  guint32 rgb;

  if (category >= 0 && gf_chart_layout_category_color (layout, (guint) category, &rgb))
    return rgb;

  return gf_chart_palette_color (MAX (category, 0), layout->high_contrast);
}

/* The colour of a mark: bars of a single growth series and ranked bars are coloured by sign
 * (ranked bars by their category's own colour when it has one), donut slices by category,
 * everything else by series. */
static guint32
mark_color (const GfChartLayout *layout,
            const GfChartMark   *mark)
{
  gboolean hc = layout->high_contrast;
  guint32 rgb;

  switch (layout->kind)
    {
    case GF_CHART_KIND_DONUT:
      return slice_color (layout, mark->category);

    case GF_CHART_KIND_RANKED_BAR:
      if (mark->category >= 0
          && gf_chart_layout_category_color (layout, (guint) mark->category, &rgb))
        return rgb;
      return gf_chart_palette_color (mark->value < 0 ? 1 : 0, hc);

    case GF_CHART_KIND_GROWTH_BAR:
      if (layout->n_series <= 1)
        return gf_chart_palette_color (mark->value < 0 ? 1 : 0, hc);
      return gf_chart_layout_series_color (layout, MAX (mark->series, 0));

    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_SPARKLINE:
    case GF_CHART_KIND_SMALL_MULTIPLES:
    default:
      return gf_chart_layout_series_color (layout, MAX (mark->series, 0));
    }
}

static void
set_line_style (cairo_t             *cr,
                const GfChartLayout *layout,
                guint                series)
{
  const double *pattern;
  double dashes[4];
  guint n = 0;

  cairo_set_line_width (cr, layout->line_width);
  pattern = gf_chart_series_dashes (series, &n);
  for (guint i = 0; i < n; i++)
    dashes[i] = pattern[i] * layout->line_width;
  cairo_set_dash (cr, dashes, (int) n, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
marker_path (cairo_t       *cr,
             GfChartMarker  marker,
             double         x,
             double         y,
             double         r)
{
  switch (marker)
    {
    case GF_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;

    case GF_CHART_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.75);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.75);
      cairo_close_path (cr);
      break;

    case GF_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;

    case GF_CHART_MARKER_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* Markers are filled only: a white outline around each cost a millisecond per frame with
 * twelve series, for little gain. */
static void
markers_fill (cairo_t             *cr,
              const GfChartLayout *layout,
              guint32              color)
{
  set_color (cr, color);
  cairo_fill (cr);
}

static void
draw_marker (cairo_t             *cr,
             const GfChartLayout *layout,
             guint                series,
             guint32              color,
             double               x,
             double               y,
             double               r)
{
  cairo_new_path (cr);
  marker_path (cr, gf_chart_series_marker (series), x, y, r);
  markers_fill (cr, layout, color);
}

static gboolean
is_crisp (cairo_t *cr)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);

  return m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0;
}

static double
snap (gboolean crisp,
      double   v)
{
  return crisp ? floor (v) + 0.5 : v;
}

static double
value_position (const GfChartAxis *axis,
                const GfChartRect *plot,
                double             scaled)
{
  double t = (scaled - axis->min) / (axis->max - axis->min);

  if (axis->horizontal)
    return plot->x + t * plot->width;

  return plot->y + plot->height * (1.0 - t);
}

static void
draw_text (cairo_t           *cr,
           const GfChartText *text)
{
  if (text->layout == NULL)
    return;

  if (text->angle == 0.0)
    {
      cairo_move_to (cr, text->x + text->dx - text->layout_x, text->y + text->dy - text->layout_y);
      pango_cairo_show_layout (cr, text->layout);
      return;
    }

  cairo_save (cr);
  cairo_translate (cr, text->x, text->y);
  cairo_rotate (cr, text->angle);
  cairo_move_to (cr, text->dx - text->layout_x, text->dy - text->layout_y);
  pango_cairo_show_layout (cr, text->layout);
  cairo_restore (cr);
}

static guint32
text_color (const GfChartLayout *layout,
            const GfChartText   *text)
{
  const Ink *ink = layout_ink (layout);

  switch (text->role)
    {
    case GF_CHART_TEXT_TITLE:
    case GF_CHART_TEXT_PANEL_TITLE:
    case GF_CHART_TEXT_CENTER_LABEL:
      return ink->title;

    case GF_CHART_TEXT_SUBTITLE:
    case GF_CHART_TEXT_SOURCE:
    case GF_CHART_TEXT_AXIS_TITLE:
    case GF_CHART_TEXT_TICK_LABEL:
    case GF_CHART_TEXT_MESSAGE:
    case GF_CHART_TEXT_RANK:
      return ink->muted;

    case GF_CHART_TEXT_CATEGORY_LABEL:
    case GF_CHART_TEXT_LEGEND:
    case GF_CHART_TEXT_END_LABEL:
    case GF_CHART_TEXT_VALUE_LABEL:
    default:
      return ink->text;
    }
}

static void
draw_gaps (const GfChartLayout *layout,
           cairo_t             *cr)
{
  const Ink *ink = layout_ink (layout);
  gboolean any = FALSE;

  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *mark = &layout->marks[i];

      if (mark->kind != GF_CHART_MARK_GAP)
        continue;

      cairo_rectangle (cr, mark->rect.x, mark->rect.y, mark->rect.width, mark->rect.height);
      any = TRUE;
    }

  if (!any)
    return;

  /* A pale hatched band: this year has no data at all, which is not the same as zero. */
  cairo_save (cr);
  set_color (cr, ink->gap);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  set_color (cr, ink->gap_hatch);
  cairo_set_line_width (cr, 1.0);
  for (double d = -layout->height; d < layout->width; d += 8 * layout->font_scale)
    {
      cairo_move_to (cr, d, layout->plot.y + layout->plot.height);
      cairo_line_to (cr, d + layout->plot.height, layout->plot.y);
    }
  for (guint p = 1; p < layout->n_panels; p++)
    {
      const GfChartRect *plot = &layout->panels[p].plot;

      for (double d = -layout->height; d < layout->width; d += 8 * layout->font_scale)
        {
          cairo_move_to (cr, d, plot->y + plot->height);
          cairo_line_to (cr, d + plot->height, plot->y);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_grid (const GfChartLayout *layout,
           cairo_t             *cr)
{
  const GfChartAxis *axis = &layout->value_axis;
  const Ink *ink = layout_ink (layout);
  gboolean crisp = is_crisp (cr);

  if (!axis->visible || axis->n_ticks == 0 || axis->max <= axis->min)
    return;

  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, NULL, 0, 0);
  set_color (cr, ink->grid);

  for (guint p = 0; p < layout->n_panels; p++)
    {
      const GfChartRect *plot = &layout->panels[p].plot;

      for (guint i = 0; i < axis->n_ticks; i++)
        {
          double pos = value_position (axis, plot, axis->ticks[i].value);

          if (axis->horizontal)
            {
              cairo_move_to (cr, snap (crisp, pos), plot->y);
              cairo_line_to (cr, snap (crisp, pos), plot->y + plot->height);
            }
          else
            {
              cairo_move_to (cr, plot->x, snap (crisp, pos));
              cairo_line_to (cr, plot->x + plot->width, snap (crisp, pos));
            }
        }
    }
  cairo_stroke (cr);

  /* The zero line, or the bottom of the plot when zero is not on the axis. */
  set_color (cr, ink->baseline);
  cairo_set_line_width (cr, layout->high_contrast ? 1.5 : 1.0);
  for (guint p = 0; p < layout->n_panels; p++)
    {
      const GfChartRect *plot = &layout->panels[p].plot;
      double pos;

      if (axis->min <= 0 && axis->max >= 0)
        pos = value_position (axis, plot, 0);
      else
        pos = axis->horizontal ? plot->x : plot->y + plot->height;

      if (axis->horizontal)
        {
          cairo_move_to (cr, snap (crisp, pos), plot->y);
          cairo_line_to (cr, snap (crisp, pos), plot->y + plot->height);
        }
      else
        {
          cairo_move_to (cr, plot->x, snap (crisp, pos));
          cairo_line_to (cr, plot->x + plot->width, snap (crisp, pos));
        }
    }
  cairo_stroke (cr);
}

static void
draw_bars (const GfChartLayout *layout,
           cairo_t             *cr)
{
  gboolean stacked = layout->kind == GF_CHART_KIND_STACKED_BAR;

  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *mark = &layout->marks[i];
      GfChartRect r;

      if (mark->kind != GF_CHART_MARK_BAR)
        continue;

      r = mark->rect;
      /* A real zero is drawn as a hairline on the baseline, so that it is not mistaken for a
       * missing value. */
      if (layout->value_axis.horizontal && r.width < 1.0)
        {
          r.x = mark->x - 0.75;
          r.width = 1.5;
        }
      else if (!layout->value_axis.horizontal && r.height < 1.0)
        {
          r.y = mark->y - 0.75;
          r.height = 1.5;
        }

      set_color (cr, mark_color (layout, mark));
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      if (stacked && r.height > 3 && r.width > 3)
        {
          set_color (cr, layout_ink (layout)->background);
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, r.x + 0.5, r.y + 0.5, r.width - 1, r.height - 1);
          cairo_stroke (cr);
        }
    }
}

static void
draw_arcs (const GfChartLayout *layout,
           cairo_t             *cr)
{
  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *mark = &layout->marks[i];

      if (mark->kind != GF_CHART_MARK_ARC)
        continue;

      cairo_new_path (cr);
      cairo_arc (cr, mark->x, mark->y, mark->outer_radius, mark->start_angle, mark->end_angle);
      cairo_arc_negative (cr, mark->x, mark->y, mark->inner_radius, mark->end_angle,
                          mark->start_angle);
      cairo_close_path (cr);
      set_color (cr, mark_color (layout, mark));
      cairo_fill_preserve (cr);
      set_color (cr, layout_ink (layout)->background);
      cairo_set_line_width (cr, 1.5 * layout->font_scale);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_stroke (cr);
    }
}

static void
draw_lines (const GfChartLayout *layout,
            cairo_t             *cr)
{
  double r = (layout->high_contrast ? 4.0 : 3.2) * layout->font_scale;
  guint i = 0;

  if (layout->kind == GF_CHART_KIND_SPARKLINE || layout->kind == GF_CHART_KIND_SMALL_MULTIPLES)
    r *= 0.8;

  /* 4 × 4 supersampling instead of cairo's finer default: the lines look the same at 2 px and
   * above, and redraws take half the time. Vector targets ignore it. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  while (i < layout->n_marks)
    {
      const GfChartMark *first = &layout->marks[i];
      guint32 color;
      guint end;

      if (first->kind != GF_CHART_MARK_POINT)
        {
          i++;
          continue;
        }

      /* Points come grouped by series (and panel), in category order. */
      for (end = i; end < layout->n_marks; end++)
        {
          const GfChartMark *mark = &layout->marks[end];

          if (mark->kind != GF_CHART_MARK_POINT || mark->series != first->series ||
              mark->panel != first->panel)
            break;
        }

      color = gf_chart_layout_series_color (layout, (guint) MAX (first->series, 0));
      cairo_new_path (cr);
      for (guint k = i; k < end; k++)
        {
          const GfChartMark *mark = &layout->marks[k];

          if (mark->connect_previous && k > i)
            cairo_line_to (cr, mark->x, mark->y);
          else
            cairo_move_to (cr, mark->x, mark->y);
        }
      set_color (cr, color);
      set_line_style (cr, layout, (guint) MAX (first->series, 0));
      cairo_stroke (cr);

      /* All markers of a series in one path: one fill and one outline instead of one each. */
      cairo_new_path (cr);
      for (guint k = i; k < end; k++)
        {
          const GfChartMark *mark = &layout->marks[k];
          gboolean isolated = !mark->connect_previous &&
                              (k + 1 >= end || !layout->marks[k + 1].connect_previous);
          gboolean last = k + 1 == end;

          if (layout->line_markers || isolated ||
              (last && layout->kind == GF_CHART_KIND_SPARKLINE))
            marker_path (cr, gf_chart_series_marker ((guint) MAX (first->series, 0)), mark->x,
                         mark->y, isolated && !layout->line_markers ? r * 1.1 : r);
        }
      markers_fill (cr, layout, color);

      i = end;
    }

  cairo_restore (cr);
}

static void
draw_leaders (const GfChartLayout *layout,
              cairo_t             *cr)
{
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.0 * layout->font_scale);

  for (guint i = 0; i < layout->n_leaders; i++)
    {
      const GfChartLeader *leader = &layout->leaders[i];
      guint index = layout->kind == GF_CHART_KIND_DONUT ? (guint) MAX (leader->category, 0)
                                                        : (guint) MAX (leader->series, 0);

      set_color_alpha (cr, layout->kind == GF_CHART_KIND_DONUT
                           ? slice_color (layout, (int) index)
                           : gf_chart_layout_series_color (layout, index), 0.85);
      cairo_move_to (cr, leader->x1, leader->y1);
      cairo_line_to (cr, leader->x2, leader->y2);
      cairo_stroke (cr);
    }
}

static void
draw_legend (const GfChartLayout *layout,
             cairo_t             *cr)
{
  for (guint i = 0; i < layout->n_legend; i++)
    {
      const GfChartLegendItem *item = &layout->legend[i];
      const GfChartRect *s = &item->swatch;
      guint index = item->series >= 0 ? (guint) item->series : (guint) MAX (item->category, 0);
      guint32 color = item->series >= 0 ? gf_chart_layout_series_color (layout, index)
                                        : slice_color (layout, (int) index);

      if (layout->kind == GF_CHART_KIND_LINE)
        {
          double cy = s->y + s->height / 2;

          cairo_move_to (cr, s->x, cy);
          cairo_line_to (cr, s->x + s->width, cy);
          set_color (cr, color);
          set_line_style (cr, layout, index);
          cairo_stroke (cr);
          draw_marker (cr, layout, index, color, s->x + s->width / 2, cy, s->height * 0.3);
        }
      else
        {
          set_color (cr, color);
          cairo_rectangle (cr, s->x, s->y, s->width, s->height);
          cairo_fill (cr);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Public API */

/**
 * gf_chart_palette_size:
 *
 * Returns: the number of distinct series colours (12); series beyond it reuse them, with
 *   other dash and marker combinations
 */
guint
gf_chart_palette_size (void)
{
  return G_N_ELEMENTS (palette);
}

/**
 * gf_chart_palette_color:
 * @index: a series (or slice) index
 * @high_contrast: whether to take the high-contrast palette
 *
 * The colour of a series, as 0xRRGGBB. Every colour has at least 3:1 contrast against white
 * (6:1 in the high-contrast palette); the first ones are the most distinct.
 *
 * Returns: the colour
 */
guint32
gf_chart_palette_color (guint    index,
                        gboolean high_contrast)
{
  if (high_contrast)
    return palette_high_contrast[index % G_N_ELEMENTS (palette_high_contrast)];

  return palette[index % G_N_ELEMENTS (palette)];
}

/**
 * gf_chart_series_marker:
 * @index: a series index
 *
 * Returns: the marker shape of the series; with gf_chart_series_dashes() every one of the
 *   first twelve series gets a different combination
 */
GfChartMarker
gf_chart_series_marker (guint index)
{
  return (GfChartMarker) ((index / 4) % 4);
}

/**
 * gf_chart_series_dashes:
 * @index: a series index
 * @n_dashes: (out): the length of the pattern (0: a solid line)
 *
 * Returns: (transfer none) (array length=n_dashes) (nullable): the dash pattern of the series
 *   in multiples of the line width
 */
const double *
gf_chart_series_dashes (guint  index,
                        guint *n_dashes)
{
  g_return_val_if_fail (n_dashes != NULL, NULL);

  switch (index % 4)
    {
    case 1:
      *n_dashes = G_N_ELEMENTS (dashes_dashed);
      return dashes_dashed;

    case 2:
      *n_dashes = G_N_ELEMENTS (dashes_dotted);
      return dashes_dotted;

    case 3:
      *n_dashes = G_N_ELEMENTS (dashes_dash_dot);
      return dashes_dash_dot;

    default:
      *n_dashes = 0;
      return NULL;
    }
}

/**
 * gf_chart_render:
 * @layout: a layout from gf_chart_layout_compute()
 * @spec: (nullable): the spec it was computed from; not read today (the layout holds all it
 *   draws), kept so that the render and highlight calls look alike
 * @cr: where to draw, in the layout's user units (scale @cr for other resolutions)
 *
 * Draws the chart in the rectangle (0, 0, width, height) of @cr: background (unless the spec
 * asked for transparency), missing-data bands, grid, marks, leaders, legend and texts. The
 * state of @cr is saved and restored.
 */
void
gf_chart_render (const GfChartLayout *layout,
                 const GfChartSpec   *spec,
                 cairo_t             *cr)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip_preserve (cr);
  if (!layout->transparent)
    {
      set_color (cr, layout_ink (layout)->background);
      cairo_fill (cr);
    }
  else
    {
      cairo_new_path (cr);
    }

  if (layout->has_data)
    {
      draw_gaps (layout, cr);
      draw_grid (layout, cr);

      switch (layout->kind)
        {
        case GF_CHART_KIND_GROUPED_BAR:
        case GF_CHART_KIND_STACKED_BAR:
        case GF_CHART_KIND_GROWTH_BAR:
        case GF_CHART_KIND_RANKED_BAR:
          draw_bars (layout, cr);
          break;

        case GF_CHART_KIND_DONUT:
          draw_arcs (layout, cr);
          break;

        case GF_CHART_KIND_LINE:
        case GF_CHART_KIND_SPARKLINE:
        case GF_CHART_KIND_SMALL_MULTIPLES:
        default:
          draw_lines (layout, cr);
          break;
        }

      draw_leaders (layout, cr);
      draw_legend (layout, cr);
    }

  for (guint i = 0; i < layout->n_texts; i++)
    {
      set_color (cr, text_color (layout, &layout->texts[i]));
      draw_text (cr, &layout->texts[i]);
    }

  cairo_restore (cr);
}

/* Hover callout */

typedef struct
{
  PangoLayout *name;
  PangoLayout *value;
  guint32      color;
  gboolean     has_swatch;
} CalloutRow;

static PangoLayout *
callout_text (const GfChartLayout        *layout,
              const PangoFontDescription *font,
              const char                 *text)
{
  PangoLayout *pango;

  if (text == NULL || text[0] == '\0')
    return NULL;

  pango = pango_layout_new (layout->context);
  pango_layout_set_font_description (pango, font);
  pango_layout_set_single_paragraph_mode (pango, TRUE);
  pango_layout_set_text (pango, text, -1);
  pango_layout_set_width (pango, (int) (layout->width * 0.4 * PANGO_SCALE));
  pango_layout_set_ellipsize (pango, PANGO_ELLIPSIZE_END);

  return pango;
}

static void
callout_size (PangoLayout *pango,
              double      *width,
              double      *height)
{
  PangoRectangle logical;

  *width = 0;
  *height = 0;
  if (pango == NULL)
    return;

  pango_layout_get_extents (pango, NULL, &logical);
  *width = logical.width / (double) PANGO_SCALE;
  *height = logical.height / (double) PANGO_SCALE;
}

static void
callout_draw (const GfChartLayout *layout,
              cairo_t             *cr,
              const char          *header,
              GArray              *rows,
              double               anchor_x,
              double               anchor_y)
{
  const Ink *ink = layout_ink (layout);
  double fs = layout->font_scale;
  double pad = 8 * fs, swatch = 9 * fs, name_w = 0, value_w = 0, row_h = 0;
  double header_w, header_h, box_w, box_h, x, y;
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  g_autoptr(PangoFontDescription) bold = NULL;
  g_autoptr(PangoLayout) header_layout = NULL;
  guint n_rows = rows->len;

  pango_font_description_set_family (font, GF_CHART_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, 12 * fs * PANGO_SCALE);
  bold = pango_font_description_copy (font);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);

  header_layout = callout_text (layout, bold, header);
  callout_size (header_layout, &header_w, &header_h);

  for (guint i = 0; i < rows->len; i++)
    {
      CalloutRow *row = &g_array_index (rows, CalloutRow, i);
      double w, h;

      callout_size (row->name, &w, &h);
      name_w = MAX (name_w, w);
      row_h = MAX (row_h, h);
      callout_size (row->value, &w, &h);
      value_w = MAX (value_w, w);
      row_h = MAX (row_h, h);
    }

  /* Keep the box on the canvas: drop the rows that do not fit. */
  while (n_rows > 0 && header_h + n_rows * row_h + 2 * pad + 4 * fs > layout->height - 4)
    n_rows--;

  box_w = 2 * pad + MAX (header_w, swatch + 6 * fs + name_w + (name_w > 0 ? 16 * fs : 0) +
                         value_w);
  box_h = 2 * pad + header_h + (n_rows > 0 ? 4 * fs : 0) + n_rows * row_h;
  box_w = MIN (box_w, layout->width - 4);

  x = anchor_x + 12 * fs;
  if (x + box_w > layout->width - 2)
    x = anchor_x - 12 * fs - box_w;
  x = CLAMP (x, 2, MAX (2, layout->width - 2 - box_w));
  y = CLAMP (anchor_y, 2, MAX (2, layout->height - 2 - box_h));

  cairo_new_path (cr);
  cairo_arc (cr, x + box_w - 4, y + 4, 4, -G_PI / 2, 0);
  cairo_arc (cr, x + box_w - 4, y + box_h - 4, 4, 0, G_PI / 2);
  cairo_arc (cr, x + 4, y + box_h - 4, 4, G_PI / 2, G_PI);
  cairo_arc (cr, x + 4, y + 4, 4, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color_alpha (cr, ink->background, 0.96);
  cairo_fill_preserve (cr);
  set_color (cr, layout->high_contrast ? 0x000000 : 0x9A9A9A);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, box_w, box_h);
  cairo_clip (cr);

  if (header_layout != NULL)
    {
      set_color (cr, ink->title);
      cairo_move_to (cr, x + pad, y + pad);
      pango_cairo_show_layout (cr, header_layout);
    }

  for (guint i = 0; i < n_rows; i++)
    {
      CalloutRow *row = &g_array_index (rows, CalloutRow, i);
      double ry = y + pad + header_h + 4 * fs + i * row_h;
      double w, h;

      if (row->has_swatch)
        {
          set_color (cr, row->color);
          cairo_rectangle (cr, x + pad, ry + (row_h - swatch) / 2, swatch, swatch);
          cairo_fill (cr);
        }

      set_color (cr, ink->text);
      if (row->name != NULL)
        {
          cairo_move_to (cr, x + pad + swatch + 6 * fs, ry);
          pango_cairo_show_layout (cr, row->name);
        }
      if (row->value != NULL)
        {
          callout_size (row->value, &w, &h);
          cairo_move_to (cr, x + box_w - pad - w, ry);
          pango_cairo_show_layout (cr, row->value);
        }
    }

  cairo_restore (cr);
}

static void
callout_row_clear (gpointer data)
{
  CalloutRow *row = data;

  g_clear_object (&row->name);
  g_clear_object (&row->value);
}

static void
callout_add_row (const GfChartLayout        *layout,
                 GArray                     *rows,
                 const PangoFontDescription *font,
                 const char                 *name,
                 const char                 *value,
                 gboolean                    has_swatch,
                 guint32                     color)
{
  CalloutRow row = { 0 };

  row.name = callout_text (layout, font, name);
  row.value = callout_text (layout, font, value);
  row.has_swatch = has_swatch;
  row.color = color;
  g_array_append_val (rows, row);
}

/**
 * gf_chart_render_highlight:
 * @layout: a layout from gf_chart_layout_compute()
 * @spec: the spec it was computed from
 * @cr: where to draw, with the same transformation as for gf_chart_render()
 * @category: the category to highlight, from gf_chart_layout_category_at(); -1 draws nothing
 *
 * Draws the hover state over a rendered chart: a vertical guide through the category with its
 * points enlarged (or the bar or slice outlined), and a callout listing the category and the
 * value of each series, in the axis unit. Missing values show as a dash.
 */
void
gf_chart_render_highlight (const GfChartLayout *layout,
                           const GfChartSpec   *spec,
                           cairo_t             *cr,
                           int                  category)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  const char *header = NULL;
  double anchor_x = 0, anchor_y = 0;
  double fs;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (spec != NULL);
  g_return_if_fail (cr != NULL);

  if (!layout->has_data || category < 0 || (guint) category >= layout->n_categories ||
      layout->n_panels == 0)
    return;

  fs = layout->font_scale;
  rows = g_array_new (FALSE, TRUE, sizeof (CalloutRow));
  g_array_set_clear_func (rows, callout_row_clear);
  font = pango_font_description_new ();
  pango_font_description_set_family (font, GF_CHART_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, 12 * fs * PANGO_SCALE);

  if (spec->categories != NULL && (guint) category < spec->n_categories)
    header = spec->categories[category];

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  switch (layout->kind)
    {
    case GF_CHART_KIND_DONUT:
      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *mark = &layout->marks[i];
          g_autofree char *value = NULL;
          g_autofree char *share = NULL;
          g_autofree char *share_text = NULL;
          double mid;

          if (mark->kind != GF_CHART_MARK_ARC || mark->category != category)
            continue;

          cairo_new_path (cr);
          cairo_arc (cr, mark->x, mark->y, mark->outer_radius + 5 * fs, mark->start_angle,
                     mark->end_angle);
          cairo_arc_negative (cr, mark->x, mark->y, mark->inner_radius, mark->end_angle,
                              mark->start_angle);
          cairo_close_path (cr);
          set_color (cr, mark_color (layout, mark));
          cairo_fill_preserve (cr);
          set_color (cr, layout_ink (layout)->title);
          cairo_set_line_width (cr, 1.5 * fs);
          cairo_stroke (cr);

          mid = (mark->start_angle + mark->end_angle) / 2;
          anchor_x = mark->x + mark->outer_radius * cos (mid);
          anchor_y = mark->y + mark->outer_radius * sin (mid);

          value = gf_chart_layout_format_value (layout, mark->value, TRUE);
          share = gf_number_format_grouped (layout->total > 0 ? 100 * mark->value / layout->total
                                                              : NAN, 1);
          share_text = g_strconcat (share, "%", NULL);
          callout_add_row (layout, rows, font, NULL, value, TRUE, mark_color (layout, mark));
          callout_add_row (layout, rows, font, NULL, share_text, FALSE, 0);
        }
      break;

    case GF_CHART_KIND_RANKED_BAR:
      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *mark = &layout->marks[i];
          g_autofree char *value = NULL;

          if (mark->kind != GF_CHART_MARK_BAR || mark->category != category)
            continue;

          cairo_rectangle (cr, mark->rect.x - 1, mark->rect.y - 1, mark->rect.width + 2,
                           mark->rect.height + 2);
          set_color (cr, layout_ink (layout)->title);
          cairo_set_line_width (cr, 2 * fs);
          cairo_stroke (cr);

          anchor_x = mark->rect.x + mark->rect.width;
          anchor_y = mark->rect.y;
          value = gf_chart_layout_format_value (layout, mark->value, TRUE);
          callout_add_row (layout, rows, font, NULL, value, TRUE, mark_color (layout, mark));
        }
      break;

    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_GROWTH_BAR:
    case GF_CHART_KIND_SPARKLINE:
    case GF_CHART_KIND_SMALL_MULTIPLES:
    default:
      {
        const Ink *ink = layout_ink (layout);

        set_color_alpha (cr, ink->title, 0.55);
        cairo_set_line_width (cr, 1.0);
        for (guint p = 0; p < layout->n_panels; p++)
          {
            const GfChartRect *plot = &layout->panels[p].plot;
            double x = gf_chart_layout_category_center (layout, p, (guint) category);

            cairo_move_to (cr, x, plot->y);
            cairo_line_to (cr, x, plot->y + plot->height);
          }
        cairo_stroke (cr);

        for (guint i = 0; i < layout->n_marks; i++)
          {
            const GfChartMark *mark = &layout->marks[i];
            guint32 color = mark_color (layout, mark);

            if (mark->category != category)
              continue;

            if (mark->kind == GF_CHART_MARK_POINT)
              {
                cairo_new_path (cr);
                cairo_arc (cr, mark->x, mark->y, 5 * fs, 0, 2 * G_PI);
                set_color (cr, ink->background);
                cairo_fill_preserve (cr);
                set_color (cr, color);
                cairo_set_line_width (cr, 2.5 * fs);
                cairo_stroke (cr);
              }
            else if (mark->kind == GF_CHART_MARK_BAR)
              {
                cairo_rectangle (cr, mark->rect.x - 0.5, mark->rect.y - 0.5,
                                 mark->rect.width + 1, mark->rect.height + 1);
                set_color (cr, ink->title);
                cairo_set_line_width (cr, 1.5 * fs);
                cairo_stroke (cr);
              }
          }

        anchor_x = gf_chart_layout_category_center (layout, 0, (guint) category);
        anchor_y = layout->plot.y + 4 * fs;

        for (guint s = 0; s < spec->n_series; s++)
          {
            double v = gf_chart_spec_value (spec, s, (guint) category);
            g_autofree char *value = gf_chart_layout_format_value (layout, v, TRUE);
            GfChartMark fake = { 0 };

            fake.series = (int) s;
            fake.category = category;
            fake.value = v;
            callout_add_row (layout, rows, font, spec->series[s].name, value, TRUE,
                             mark_color (layout, &fake));
          }
      }
      break;
    }

  if (rows->len > 0)
    callout_draw (layout, cr, header, rows, anchor_x, anchor_y);

  cairo_restore (cr);
}

/* Export */

static gboolean
check_export_spec (const GfChartSpec  *spec,
                   const char         *path,
                   GError            **error)
{
  if (!isfinite (spec->width) || !isfinite (spec->height) || spec->width <= 0 ||
      spec->height <= 0)
    {
      g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_INVALID,
                   _("The chart size %g × %g is not valid"), spec->width, spec->height);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (status == CAIRO_STATUS_WRITE_ERROR || status == CAIRO_STATUS_FILE_NOT_FOUND)
    g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO, _("Could not write “%s”: %s"),
                 path, cairo_status_to_string (status));
  else
    g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_FAILED, _("Could not draw “%s”: %s"),
                 path, cairo_status_to_string (status));

  return FALSE;
}

static void
png_error_cb (png_structp       png,
              png_const_charp   message)
{
  char *buffer = png_get_error_ptr (png);

  g_strlcpy (buffer, message, 256);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
{
  g_debug ("libpng: %s", message);
}

/* Writes an ARGB32 surface with libpng: RGB (or RGBA, un-premultiplied, when @alpha), a pHYs
 * chunk for @dpi, and zlib level 1, which is several times faster than cairo's own writer at a
 * size cost that does not matter for charts. */
static gboolean
write_png (cairo_surface_t  *surface,
           const char       *path,
           double            dpi,
           gboolean          alpha,
           GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  char message[256] = "";
  png_structp png;
  png_infop info;
  png_uint_32 ppm;
  guchar *row;
  FILE *fp;

  fp = g_fopen (path, "wb");
  if (fp == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO, _("Could not write “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, message, png_error_cb, png_warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  row = g_malloc ((gsize) width * 4);

  if (png == NULL || info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_free (row);
      fclose (fp);
      g_unlink (path);
      g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO, _("Could not write “%s”: %s"),
                   path, message[0] != '\0' ? message : g_strerror (ENOMEM));
      return FALSE;
    }

  png_init_io (png, fp);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  ppm = (png_uint_32) lround (dpi / 0.0254);
  png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (const void *) (data + (gsize) y * stride);
      guchar *dst = row;

      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];
          guint a = p >> 24;
          guint r = (p >> 16) & 0xff;
          guint g = (p >> 8) & 0xff;
          guint b = p & 0xff;

          if (alpha)
            {
              if (a != 0 && a != 255)
                {
                  r = (r * 255 + a / 2) / a;
                  g = (g * 255 + a / 2) / a;
                  b = (b * 255 + a / 2) / a;
                }
              *dst++ = (guchar) r;
              *dst++ = (guchar) g;
              *dst++ = (guchar) b;
              *dst++ = (guchar) a;
            }
          else
            {
              *dst++ = (guchar) r;
              *dst++ = (guchar) g;
              *dst++ = (guchar) b;
            }
        }

      png_write_row (png, row);
    }

  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  g_free (row);

  if (fclose (fp) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO, _("Could not write “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_chart_export_png:
 * @spec: what to draw; its width and height are in points (1/72 in)
 * @path: (type filename): the file to write
 * @dpi: the resolution, e.g. 300 for print
 * @error: return location for a #GError
 *
 * Lays the chart out at @spec's size in points and draws it scaled by @dpi / 72 into a PNG
 * with a pHYs chunk stating @dpi (a 10 × 5.625 in chart, 720 × 405 pt, at 300 dpi is
 * 3000 × 1688 px). It takes a few hundred milliseconds at 300 dpi: call it from a worker
 * thread (it uses only that thread's Pango font map).
 *
 * Returns: %TRUE on success
 */
gboolean
gf_chart_export_png (const GfChartSpec  *spec,
                     const char         *path,
                     double              dpi,
                     GError            **error)
{
  g_autoptr(GfChartLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale, px_w, px_h;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_export_spec (spec, path, error))
    return FALSE;

  scale = dpi / 72.0;
  px_w = ceil (spec->width * scale - 1e-6);
  px_h = ceil (spec->height * scale - 1e-6);
  if (!isfinite (dpi) || dpi <= 0 || px_w > 32767 || px_h > 32767 || px_w * px_h > 2.5e8)
    {
      g_set_error (error, GF_CHART_ERROR, GF_CHART_ERROR_INVALID,
                   _("A %g dpi image of this chart would be too large"), dpi);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) px_w, (int) px_h);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  layout = gf_chart_layout_compute (spec, NULL);

  cr = cairo_create (surface);
  if (!spec->transparent)
    {
      /* Cover the partial pixel row or column that rounding up the size adds. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  cairo_scale (cr, scale, scale);
  gf_chart_render (layout, spec, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  ok = check_surface (surface, path, error) &&
       write_png (surface, path, dpi, spec->transparent, error);
  cairo_surface_destroy (surface);

  return ok;
}

/**
 * gf_chart_export_svg:
 * @spec: what to draw; its width and height are in points
 * @path: (type filename): the file to write
 * @error: return location for a #GError
 *
 * Writes the chart as SVG (text as glyph outlines, so that it looks the same without the
 * fonts).
 *
 * Returns: %TRUE on success
 */
gboolean
gf_chart_export_svg (const GfChartSpec  *spec,
                     const char         *path,
                     GError            **error)
{
  g_autoptr(GfChartLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_export_spec (spec, path, error))
    return FALSE;

  surface = cairo_svg_surface_create (path, spec->width, spec->height);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  layout = gf_chart_layout_compute (spec, NULL);
  cr = cairo_create (surface);
  gf_chart_render (layout, spec, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);

  return ok;
}

/**
 * gf_chart_export_pdf:
 * @spec: what to draw; its width and height are in points
 * @path: (type filename): the file to write
 * @title: (nullable): the document title (metadata and bookmark); %NULL takes the chart title
 * @error: return location for a #GError
 *
 * Writes the chart as a one-page PDF with searchable text (the CJK font is embedded as a
 * subset), the title in the document metadata and a bookmark to the page.
 *
 * Returns: %TRUE on success
 */
gboolean
gf_chart_export_pdf (const GfChartSpec  *spec,
                     const char         *path,
                     const char         *title,
                     GError            **error)
{
  g_autoptr(GfChartLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_export_spec (spec, path, error))
    return FALSE;

  surface = cairo_pdf_surface_create (path, spec->width, spec->height);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  if (title == NULL)
    title = spec->title;
  if (title != NULL && title[0] != '\0')
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, title, "page=1",
                                     CAIRO_PDF_OUTLINE_FLAG_OPEN);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongfu Atlas");

  layout = gf_chart_layout_compute (spec, NULL);
  cr = cairo_create (surface);
  gf_chart_render (layout, spec, cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);

  return ok;
}

/* Files */

static const char * const format_names[] = {
  [GF_CHART_FORMAT_PNG] = "png",
  [GF_CHART_FORMAT_SVG] = "svg",
  [GF_CHART_FORMAT_PDF] = "pdf",
};

/**
 * gf_chart_format_from_string:
 * @text: "png", "svg" or "pdf"
 * @format: (out): the format
 *
 * Returns: whether @text names a format
 */
gboolean
gf_chart_format_from_string (const char    *text,
                             GfChartFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (text, format_names[i]) == 0)
        {
          *format = (GfChartFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * gf_chart_format_from_path:
 * @path: (type filename): a file name
 * @format: (out): the format its extension names, in any case
 *
 * Returns: whether @path ends in .png, .svg or .pdf
 */
gboolean
gf_chart_format_from_path (const char    *path,
                           GfChartFormat *format)
{
  const char *dot;
  g_autofree char *extension = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL)
    return FALSE;
  extension = g_ascii_strdown (dot + 1, -1);

  return gf_chart_format_from_string (extension, format);
}

/**
 * gf_chart_format_get_extension:
 *
 * Returns: the file name extension of @format, without the dot
 */
const char *
gf_chart_format_get_extension (GfChartFormat format)
{
  g_return_val_if_fail (format <= GF_CHART_FORMAT_PDF, NULL);

  return format_names[format];
}

typedef struct
{
  const GfChartSpec *spec;
  GfChartFormat      format;
  double             dpi;
} ChartFile;

static gboolean
write_chart_file (const char  *path,
                  gpointer     user_data,
                  GError     **error)
{
  const ChartFile *chart = user_data;

  switch (chart->format)
    {
    case GF_CHART_FORMAT_PNG:
      return gf_chart_export_png (chart->spec, path, chart->dpi, error);

    case GF_CHART_FORMAT_SVG:
      return gf_chart_export_svg (chart->spec, path, error);

    case GF_CHART_FORMAT_PDF:
      return gf_chart_export_pdf (chart->spec, path, chart->spec->title, error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * gf_chart_write_file:
 * @spec: what to draw, at its size in points
 * @dpi: the resolution of a PNG (96: one pixel a CSS pixel); ignored by SVG and PDF
 * @path: (type filename): the file to write
 *
 * Writes the chart: a PNG, an SVG, or a PDF whose metadata carries the chart's title. The
 * file is written whole or not at all (gf_output_write()): a failure leaves an existing file
 * as it was. Safe to call from any thread.
 *
 * Returns: %TRUE on success
 */
gboolean
gf_chart_write_file (const GfChartSpec  *spec,
                     GfChartFormat       format,
                     double              dpi,
                     const char         *path,
                     GError            **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gf_output_write (path, GF_CHART_ERROR, GF_CHART_ERROR_IO, write_chart_file,
                          &(ChartFile) { .spec = spec, .format = format, .dpi = dpi }, error);
}

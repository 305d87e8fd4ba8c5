/* gf-chart-layout.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart layout: turns a GfChartSpec and a canvas size into plain geometry. All text is measured
 * here, once, and the PangoLayouts are kept in the result so that drawing (which may happen on
 * every frame while the pointer moves) only shows them.
 *
 * Every text goes through text_commit(), which refuses a box that leaves the canvas or
 * overlaps a text placed before it. Texts are committed in order of importance (titles, legend,
 * end labels, ticks, categories, values), so when space runs out the least important ones are
 * dropped and the "no overlap, all inside" guarantee holds by construction. The arrangements
 * before it (thinning and rotating category labels, spreading end labels) try to make that
 * safety net rarely needed.
 */

#define G_LOG_DOMAIN "gf-chart-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "gf-chart-layout.h"
#include "gf-chart-render.h"
#include "gf-number-format.h"

/* Font sizes at font scale 1, in user units (pixels on screen, points on paper). */
#define TITLE_SIZE   17.0
#define TEXT_SIZE    13.0
#define SMALL_SIZE   12.0
#define MESSAGE_SIZE 15.0
#define CENTER_SIZE  18.0

#define EPS 1e-6

/* Rotated category labels rise at 45° to the right and end at their tick. */
#define ROTATION   (-G_PI / 4)
#define SIN45      0.70710678118654752

/* How far from its centre anything drawn at a line's point reaches, in font-scale units: the
 * hover ring (radius 5, stroke 2.5) is the widest. */
#define POINT_REACH 6.5

typedef struct
{
  /* Borrowed */
  const GfChartSpec    *spec;
  GfChartLayout        *layout;

  /* Owned */
  PangoFontDescription *font_title;
  PangoFontDescription *font_text;
  PangoFontDescription *font_small;
  PangoFontDescription *font_message;
  PangoFontDescription *font_center;
  GArray               *texts;
  GArray               *marks;
  GArray               *legend;
  GArray               *leaders;
  GArray               *panels;
  GArray               *ticks;

  double                fs;
  double                pad;
  int                   compact;
  double                text_h;
  double                small_h;
  guint                 n_cat;

  /* The data range of the value axis, in the scaled unit. */
  double                data_lo;
  double                data_hi;
} Builder;

typedef struct
{
  int    series;
  int    category;
  double want;
  double y;
  double px;
  double py;
  double width;
  int    side;
} LabelSlot;

/* What a layout pass ended with. */
typedef enum
{
  PASS_DONE,
  PASS_RETRY_WITH_LEGEND,
  PASS_TOO_SMALL,
} PassResult;

/* Compaction stages: what a too-small chart leaves out, in this order, to keep room for data. */
enum
{
  COMPACT_NONE,
  COMPACT_NO_SUBTITLE,
  COMPACT_NO_LEGEND,
  COMPACT_NO_TITLE,
};

/* Geometry of text boxes */

static void
corners_compute (double  x,
                 double  y,
                 double  angle,
                 double  dx,
                 double  dy,
                 double  width,
                 double  height,
                 double  corners[8])
{
  const double local[8] = { dx, dy, dx + width, dy, dx + width, dy + height, dx, dy + height };
  double c = 1.0, s = 0.0;

  if (angle != 0.0)
    {
      c = cos (angle);
      s = sin (angle);
    }

  for (guint i = 0; i < 4; i++)
    {
      double lx = local[2 * i];
      double ly = local[2 * i + 1];

      corners[2 * i] = x + lx * c - ly * s;
      corners[2 * i + 1] = y + lx * s + ly * c;
    }
}

static void
text_update_rect (GfChartText *text)
{
  double corners[8];
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  gf_chart_text_get_corners (text, corners);
  for (guint i = 0; i < 4; i++)
    {
      x0 = MIN (x0, corners[2 * i]);
      x1 = MAX (x1, corners[2 * i]);
      y0 = MIN (y0, corners[2 * i + 1]);
      y1 = MAX (y1, corners[2 * i + 1]);
    }

  text->rect.x = x0;
  text->rect.y = y0;
  text->rect.width = x1 - x0;
  text->rect.height = y1 - y0;
}

/* Separating-axis test on two convex quadrilaterals: they are apart when their projections on
 * one of the four edge normals are at least @gap apart. */
static gboolean
quads_overlap (const double a[8],
               const double b[8],
               double       gap)
{
  const double *quads[2] = { a, b };

  for (guint q = 0; q < 2; q++)
    {
      for (guint e = 0; e < 2; e++)
        {
          const double *c = quads[q];
          double ex = c[2 * (e + 1)] - c[2 * e];
          double ey = c[2 * (e + 1) + 1] - c[2 * e + 1];
          double len = hypot (ex, ey);
          double nx, ny;
          double amin = G_MAXDOUBLE, amax = -G_MAXDOUBLE;
          double bmin = G_MAXDOUBLE, bmax = -G_MAXDOUBLE;

          if (len < EPS)
            continue;

          nx = -ey / len;
          ny = ex / len;

          for (guint i = 0; i < 4; i++)
            {
              double pa = a[2 * i] * nx + a[2 * i + 1] * ny;
              double pb = b[2 * i] * nx + b[2 * i + 1] * ny;

              amin = MIN (amin, pa);
              amax = MAX (amax, pa);
              bmin = MIN (bmin, pb);
              bmax = MAX (bmax, pb);
            }

          if (amax + gap <= bmin + EPS || bmax + gap <= amin + EPS)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
texts_overlap_gap (const GfChartText *a,
                   const GfChartText *b,
                   double             gap)
{
  double ca[8], cb[8];

  if (a->width <= 0 || a->height <= 0 || b->width <= 0 || b->height <= 0)
    return FALSE;

  /* Bounding boxes first: most pairs are far apart. */
  if (a->rect.x + a->rect.width + gap <= b->rect.x + EPS ||
      b->rect.x + b->rect.width + gap <= a->rect.x + EPS ||
      a->rect.y + a->rect.height + gap <= b->rect.y + EPS ||
      b->rect.y + b->rect.height + gap <= a->rect.y + EPS)
    return FALSE;

  if (a->angle == 0.0 && b->angle == 0.0)
    return TRUE;

  gf_chart_text_get_corners (a, ca);
  gf_chart_text_get_corners (b, cb);

  return quads_overlap (ca, cb, gap);
}

/* Texts */

static void
text_clear (GfChartText *text)
{
  g_clear_pointer (&text->text, g_free);
  g_clear_object (&text->layout);
}

static void
text_measure (GfChartText *text)
{
  PangoRectangle logical;

  pango_layout_get_extents (text->layout, NULL, &logical);
  text->layout_x = logical.x / (double) PANGO_SCALE;
  text->layout_y = logical.y / (double) PANGO_SCALE;
  text->width = logical.width / (double) PANGO_SCALE;
  text->height = logical.height / (double) PANGO_SCALE;
  text->ellipsized = pango_layout_is_ellipsized (text->layout);
}

/* A @max_width of 0 or less means no limit; otherwise the text is ellipsized at the end. */
static void
text_set_max_width (GfChartText *text,
                    double       max_width)
{
  if (max_width > 0)
    {
      pango_layout_set_width (text->layout, (int) floor (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (text->layout, -1);
      pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_NONE);
    }

  text_measure (text);
}

static void
text_init (Builder                    *b,
           GfChartText                *text,
           GfChartTextRole             role,
           const PangoFontDescription *font,
           const char                 *string,
           double                      max_width)
{
  memset (text, 0, sizeof *text);
  text->role = role;
  text->series = -1;
  text->category = -1;
  text->panel = -1;

  if (string == NULL || string[0] == '\0')
    return;

  text->text = g_strdup (string);
  text->layout = pango_layout_new (b->layout->context);
  pango_layout_set_font_description (text->layout, font);
  pango_layout_set_single_paragraph_mode (text->layout, TRUE);
  pango_layout_set_text (text->layout, string, -1);
  text_set_max_width (text, max_width);
}

static void
text_place (GfChartText *text,
            double       x,
            double       y,
            double       angle,
            double       dx,
            double       dy)
{
  text->x = x;
  text->y = y;
  text->angle = angle;
  text->dx = dx;
  text->dy = dy;
  text_update_rect (text);
}

static void
text_place_at (GfChartText *text,
               double       left,
               double       top)
{
  text_place (text, left, top, 0.0, 0.0, 0.0);
}

static gboolean
text_fits (Builder           *b,
           const GfChartText *text)
{
  if (text->layout == NULL || text->width <= 0 || text->height <= 0)
    return FALSE;

  if (!gf_chart_text_inside (text, b->layout->width, b->layout->height))
    return FALSE;

  for (guint i = 0; i < b->texts->len; i++)
    {
      const GfChartText *other = &g_array_index (b->texts, GfChartText, i);

      if (texts_overlap_gap (text, other, 0.0))
        return FALSE;
    }

  return TRUE;
}

/* Takes the text over: it is either kept (its index is returned) or cleared (-1). */
static int
text_commit (Builder     *b,
             GfChartText *text)
{
  if (!text_fits (b, text))
    {
      text_clear (text);
      return -1;
    }

  g_array_append_val (b->texts, *text);
  memset (text, 0, sizeof *text);

  return (int) b->texts->len - 1;
}

static void
text_array_clear (GArray *array)
{
  for (guint i = 0; i < array->len; i++)
    text_clear (&g_array_index (array, GfChartText, i));
  g_array_set_size (array, 0);
}

/* Fonts and helpers */

static PangoFontDescription *
font_new (double     size,
          PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, GF_CHART_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);

  return font;
}

static double
font_line_height (Builder                    *b,
                  const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) probe = pango_layout_new (b->layout->context);
  PangoRectangle logical;

  pango_layout_set_font_description (probe, font);
  pango_layout_set_text (probe, "国0", -1);
  pango_layout_get_extents (probe, NULL, &logical);

  return logical.height / (double) PANGO_SCALE;
}

static const char *
category_name (const GfChartSpec *spec,
               guint              category)
{
  if (spec->categories == NULL || category >= spec->n_categories)
    return NULL;

  return spec->categories[category];
}

static const char *
series_name (const GfChartSpec *spec,
             guint              series)
{
  if (series >= spec->n_series)
    return NULL;

  return spec->series[series].name;
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return TRUE;
    }

  return FALSE;
}

static gboolean
labels_look_like_years (const GfChartSpec *spec,
                        guint              n_cat)
{
  for (guint c = 0; c < n_cat; c++)
    {
      const char *name = category_name (spec, c);

      if (name == NULL || name[0] == '\0')
        continue;
      if (!g_ascii_isdigit (name[0]) || g_utf8_strlen (name, -1) > 8)
        return FALSE;
    }

  return TRUE;
}

static double
axis_position (const GfChartAxis *axis,
               const GfChartRect *plot,
               double             scaled)
{
  double t = (scaled - axis->min) / (axis->max - axis->min);

  if (axis->horizontal)
    return plot->x + t * plot->width;

  return plot->y + plot->height * (1.0 - t);
}

static double
category_center (const GfChartRect *plot,
                 guint              n_cat,
                 guint              category)
{
  return plot->x + plot->width * (category + 0.5) / MAX (n_cat, 1);
}

static char *
format_tick (const GfChartAxis *axis,
             double             value)
{
  if (axis->percent)
    return gf_number_format_percent_signed (value, axis->decimals);

  return gf_number_format_grouped (value, axis->decimals);
}

static char *
axis_title_string (const GfChartSpec *spec,
                   const char        *unit)
{
  const char *label = spec->value_label;

  if (label != NULL && label[0] == '\0')
    label = NULL;
  if (unit != NULL && unit[0] == '\0')
    unit = NULL;

  if (label != NULL && unit != NULL)
    {
      if (has_non_ascii (label))
        return g_strdup_printf ("%s（%s）", label, unit);
      return g_strdup_printf ("%s (%s)", label, unit);
    }

  return g_strdup (label != NULL ? label : unit);
}

/* Value axis */

/* The fewest decimals (up to @max_decimals) that show every value of the spec exactly. */
static int
data_decimals (Builder *b,
               double   divisor,
               int      max_decimals)
{
  const GfChartSpec *spec = b->spec;

  for (int decimals = 0; decimals < max_decimals; decimals++)
    {
      double factor = pow (10, decimals);
      gboolean exact = TRUE;

      for (guint s = 0; s < spec->n_series && exact; s++)
        {
          for (guint c = 0; c < b->n_cat && exact; c++)
            {
              double v = gf_chart_spec_value (spec, s, c) / divisor * factor;

              if (!isnan (v) && fabs (v - round (v)) > 1e-6 * MAX (1.0, fabs (v)))
                exact = FALSE;
            }
        }

      if (exact)
        return decimals;
    }

  return max_decimals;
}

static void
axis_prepare (Builder  *b,
              double    raw_lo,
              double    raw_hi,
              gboolean  percent)
{
  GfChartAxis *axis = &b->layout->value_axis;
  const char *scaled_unit = NULL;
  double divisor = 1.0;
  int max_decimals;

  if (percent)
    scaled_unit = "%";
  else if (b->spec->keep_unit)
    /* Per-capita incomes are quoted in 元 with thousands separators, never in 万元. */
    scaled_unit = b->spec->unit;
  else
    gf_unit_scale_choose (b->spec->unit, MAX (fabs (raw_lo), fabs (raw_hi)),
                          &scaled_unit, &divisor);

  g_clear_pointer (&axis->unit, g_free);
  if (scaled_unit != NULL && scaled_unit[0] != '\0')
    axis->unit = g_strdup (scaled_unit);
  axis->divisor = divisor;
  axis->percent = percent;

  b->data_lo = raw_lo / divisor;
  b->data_hi = raw_hi / divisor;

  /* One number of decimals for every value shown: about three significant digits of the
   * largest magnitude, fewer when the data need fewer (亩 counted in whole numbers stay
   * "800", not "800.0"). */
  max_decimals = gf_number_format_auto_decimals (MAX (fabs (b->data_lo), fabs (b->data_hi)));
  b->layout->value_decimals = data_decimals (b, divisor, percent ? 1 : max_decimals);
}

/* Lines need no zero baseline, but when the data come close to zero a baseline reads better
 * than an axis starting at an odd value. */
static void
axis_maybe_include_zero (Builder *b)
{
  if (b->data_lo > 0 && b->data_lo <= 0.35 * b->data_hi)
    b->data_lo = 0;
  else if (b->data_hi < 0 && b->data_hi >= 0.35 * b->data_lo)
    b->data_hi = 0;
}

static void
axis_compute_ticks (Builder *b,
                    guint    max_intervals)
{
  GfChartAxis *axis = &b->layout->value_axis;

  gf_chart_nice_ticks (b->data_lo, b->data_hi, max_intervals, &axis->min, &axis->max,
                       &axis->step);
  axis->decimals = gf_number_format_decimals_for_step (axis->step);
}

/* Ticks for a vertical axis @length long: aim at one tick per 2.5 label heights, and take the
 * next denser 1-2-5 step when its count is closer to that aim, as long as ticks stay 1.6 label
 * heights apart (0–10 by 5 on a short axis says less than 0–10 by 2). */
static void
axis_compute_vertical_ticks (Builder *b,
                             double   length,
                             guint    most)
{
  GfChartAxis *axis = &b->layout->value_axis;
  double target = length / (2.5 * b->small_h);
  guint limit = (guint) CLAMP (floor (length / (1.6 * b->small_h)), 1, most);
  guint first = (guint) CLAMP (floor (target), 1, most);
  double min = 0, max = 0, step = 0;
  double count;

  axis_compute_ticks (b, first);
  count = (axis->max - axis->min) / axis->step;

  for (guint m = first + 1; m <= limit; m++)
    {
      double denser;

      gf_chart_nice_ticks (b->data_lo, b->data_hi, m, &min, &max, &step);
      denser = (max - min) / step;
      if (denser <= count + 0.5)
        continue;

      if (fabs (denser - target) < fabs (count - target))
        {
          axis->min = min;
          axis->max = max;
          axis->step = step;
          axis->decimals = gf_number_format_decimals_for_step (step);
        }
      break;
    }
}

static guint
axis_tick_count (const GfChartAxis *axis)
{
  return (guint) lround ((axis->max - axis->min) / axis->step) + 1;
}

static double
axis_tick_value (const GfChartAxis *axis,
                 guint              i)
{
  double value = axis->min + i * axis->step;

  value = round (value / axis->step) * axis->step;
  if (fabs (value) < axis->step * 1e-9)
    value = 0.0;

  return value;
}

/* Creates (unplaced) tick label texts into @out and returns the widest. */
static double
axis_make_tick_texts (Builder *b,
                      GArray  *out)
{
  const GfChartAxis *axis = &b->layout->value_axis;
  guint n = axis_tick_count (axis);
  double widest = 0;

  text_array_clear (out);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = format_tick (axis, axis_tick_value (axis, i));
      GfChartText text;

      text_init (b, &text, GF_CHART_TEXT_TICK_LABEL, b->font_small, label, 0);
      widest = MAX (widest, text.width);
      g_array_append_val (out, text);
    }

  return widest;
}

static void
axis_store_ticks (Builder           *b,
                  const GfChartRect *plot)
{
  GfChartAxis *axis = &b->layout->value_axis;
  guint n = axis_tick_count (axis);

  g_array_set_size (b->ticks, 0);
  for (guint i = 0; i < n; i++)
    {
      GfChartTick tick;

      tick.value = axis_tick_value (axis, i);
      tick.position = axis_position (axis, plot, tick.value);
      tick.text = -1;
      g_array_append_val (b->ticks, tick);
    }
}

/* Commits the vertical axis tick labels, right-aligned left of @plot. */
static void
axis_commit_vertical_labels (Builder           *b,
                             GArray            *tick_texts,
                             const GfChartRect *plot,
                             int                panel,
                             gboolean           store)
{
  const GfChartAxis *axis = &b->layout->value_axis;

  for (guint i = 0; i < tick_texts->len; i++)
    {
      GfChartText *text = &g_array_index (tick_texts, GfChartText, i);
      GfChartText copy;
      double y = axis_position (axis, plot, axis_tick_value (axis, i));
      int index;

      if (text->layout == NULL)
        continue;

      copy = *text;
      copy.text = g_strdup (text->text);
      copy.layout = g_object_ref (text->layout);
      copy.panel = panel;
      text_place_at (&copy, plot->x - 6 * b->fs - copy.width, y - copy.height / 2);
      index = text_commit (b, &copy);

      if (store && i < b->ticks->len)
        g_array_index (b->ticks, GfChartTick, i).text = index;
    }
}

static void
commit_axis_title (Builder *b,
                   double   left,
                   double   top,
                   double   max_width)
{
  GfChartAxis *axis = &b->layout->value_axis;
  g_autofree char *title = axis_title_string (b->spec, axis->unit);
  GfChartText text;

  text_init (b, &text, GF_CHART_TEXT_AXIS_TITLE, b->font_small, title, max_width);
  if (text.layout == NULL)
    return;

  text_place_at (&text, left, top);
  axis->title_text = text_commit (b, &text);
}

static double
axis_title_height (Builder *b)
{
  g_autofree char *title = axis_title_string (b->spec, b->layout->value_axis.unit);

  return title != NULL ? b->small_h + 4 * b->fs : 0;
}

/* Header, footer, message */

static double
place_header (Builder *b)
{
  const GfChartSpec *spec = b->spec;
  double width = b->layout->width - 2 * b->pad;
  double y = b->pad;
  gboolean placed = FALSE;
  GfChartText text;

  text_init (b, &text, GF_CHART_TEXT_TITLE, b->font_title,
             b->compact >= COMPACT_NO_TITLE ? NULL : spec->title, width);
  text_place_at (&text, b->pad, y);
  if (text.layout != NULL && text_commit (b, &text) >= 0)
    {
      y += g_array_index (b->texts, GfChartText, b->texts->len - 1).height + 2 * b->fs;
      placed = TRUE;
    }

  text_init (b, &text, GF_CHART_TEXT_SUBTITLE, b->font_small,
             b->compact >= COMPACT_NO_SUBTITLE ? NULL : spec->subtitle, width);
  text_place_at (&text, b->pad, y);
  if (text.layout != NULL && text_commit (b, &text) >= 0)
    {
      y += g_array_index (b->texts, GfChartText, b->texts->len - 1).height;
      placed = TRUE;
    }

  if (placed)
    y += 8 * b->fs;

  return y;
}

static double
place_footer (Builder *b)
{
  double bottom = b->layout->height - b->pad;
  GfChartText text;

  text_init (b, &text, GF_CHART_TEXT_SOURCE, b->font_small,
             b->compact >= COMPACT_NO_SUBTITLE ? NULL : b->spec->source,
             b->layout->width - 2 * b->pad);
  if (text.layout == NULL)
    return bottom;

  text_place_at (&text, b->pad, bottom - text.height);
  if (text_commit (b, &text) >= 0)
    bottom -= g_array_index (b->texts, GfChartText, b->texts->len - 1).height + 6 * b->fs;

  return bottom;
}

/* The no-data sentence, centred between @top and @bottom, wrapped to the width. */
static void
place_message (Builder *b,
               double   top,
               double   bottom)
{
  const char *message = b->spec->no_data_message;
  double width = b->layout->width - 4 * b->pad;
  GfChartText text;

  b->layout->message_text = -1;
  if (message == NULL || message[0] == '\0' || width <= 0)
    return;

  text_init (b, &text, GF_CHART_TEXT_MESSAGE, b->font_message, message, 0);
  pango_layout_set_single_paragraph_mode (text.layout, FALSE);
  pango_layout_set_alignment (text.layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (text.layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (text.layout, (int) floor (width * PANGO_SCALE));
  text_measure (&text);

  /* Too tall for the space left: one line, ellipsized, in the smaller font. */
  if (text.height > bottom - top)
    {
      pango_layout_set_font_description (text.layout, b->font_small);
      pango_layout_set_single_paragraph_mode (text.layout, TRUE);
      pango_layout_set_ellipsize (text.layout, PANGO_ELLIPSIZE_END);
      width = b->layout->width - 2;
      pango_layout_set_width (text.layout, (int) floor (width * PANGO_SCALE));
      text_measure (&text);
      top = 0;
      bottom = b->layout->height;
    }

  text_place_at (&text, (b->layout->width - text.width) / 2,
                 (top + bottom) / 2 - text.height / 2);
  b->layout->message_text = text_commit (b, &text);
}

static void
place_no_data (Builder *b)
{
  double top = place_header (b);
  double bottom = place_footer (b);

  b->layout->has_data = FALSE;
  b->layout->value_axis.visible = FALSE;
  place_message (b, top, MAX (bottom, top));
}

/* Legend: a flow of swatch + name items from @top, wrapping at the canvas width, no lower than
 * @max_bottom (the entries that do not fit are left out, so that a small chart keeps room for
 * its data; the hover callout still names every series). Returns the bottom of the legend, or
 * @top when nothing was placed. */
static double
place_legend (Builder  *b,
              double    top,
              double    max_bottom,
              gboolean  by_category,
              gboolean  line_swatches,
              guint     n_items)
{
  double row_h = b->small_h;
  double swatch = row_h * 0.7;
  double swatch_w = line_swatches ? swatch * 2.6 : swatch;
  double left = b->pad;
  double right = b->layout->width - b->pad;
  double max_text = (right - left) * 0.45 - swatch_w - 5 * b->fs;
  double x = left;
  double y = top;
  double bottom = top;

  if (max_text < b->small_h || b->compact >= COMPACT_NO_LEGEND)
    return top;

  for (guint i = 0; i < n_items; i++)
    {
      const char *name = by_category ? category_name (b->spec, i) : series_name (b->spec, i);
      GfChartLegendItem item;
      GfChartText text;
      double item_w;

      text_init (b, &text, GF_CHART_TEXT_LEGEND, b->font_small, name, max_text);
      if (text.layout == NULL)
        continue;

      item_w = swatch_w + 5 * b->fs + text.width;
      if (x > left && x + item_w > right)
        {
          x = left;
          y += row_h + 3 * b->fs;
        }

      if (y + row_h > max_bottom)
        {
          text_clear (&text);
          break;
        }

      text.series = by_category ? -1 : (int) i;
      text.category = by_category ? (int) i : -1;
      text_place_at (&text, x + swatch_w + 5 * b->fs, y);

      item.series = text.series;
      item.category = text.category;
      item.swatch.x = x;
      item.swatch.y = y + (row_h - swatch) / 2;
      item.swatch.width = swatch_w;
      item.swatch.height = swatch;
      item.text = text_commit (b, &text);
      if (item.text < 0)
        continue;

      g_array_append_val (b->legend, item);
      bottom = y + row_h;
      x += item_w + 14 * b->fs;
    }

  return bottom > top ? bottom + 8 * b->fs : top;
}

/* Spreads label slots (sorted by @want) so that neighbours are at least @gap apart, between
 * @lo and @hi. Returns FALSE when they cannot all fit. */
static gboolean
spread_slots (LabelSlot *slots,
              guint      n,
              double     gap,
              double     lo,
              double     hi)
{
  if (n == 0)
    return TRUE;
  if ((n - 1) * gap > hi - lo + EPS)
    return FALSE;

  slots[0].y = MAX (slots[0].want, lo);
  for (guint i = 1; i < n; i++)
    slots[i].y = MAX (slots[i].want, slots[i - 1].y + gap);

  if (slots[n - 1].y > hi)
    {
      slots[n - 1].y = hi;
      for (guint i = n - 1; i > 0; i--)
        slots[i - 1].y = MIN (slots[i - 1].y, slots[i].y - gap);
    }

  return slots[0].y >= lo - EPS;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const LabelSlot *sa = a;
  const LabelSlot *sb = b;

  if (sa->want < sb->want)
    return -1;
  if (sa->want > sb->want)
    return 1;
  return sa->series - sb->series;
}

/* Category labels */

typedef struct
{
  gboolean rotated;
  guint    step;
} CategoryArrangement;

/* Places the category labels of @labels for one arrangement into @boxes (shallow copies:
 * geometry only). Returns FALSE if they would overlap or leave the canvas. @depth receives how
 * far below @top the labels reach. */
static gboolean
categories_try (Builder                   *b,
                GArray                    *labels,
                const GfChartRect         *plot,
                double                     top,
                double                     max_depth,
                const CategoryArrangement *arrangement,
                GArray                    *boxes,
                double                    *depth,
                double                    *shortfall)
{
  guint n = labels->len;
  double gap = 4 * b->fs;
  double bottom = top;
  double band = plot->width / MAX (n, 1);

  g_array_set_size (boxes, 0);

  for (guint i = 0; i < n; i++)
    {
      const GfChartText *label = &g_array_index (labels, GfChartText, i);
      double cx = category_center (plot, n, i);
      GfChartText box;

      if (i % arrangement->step != 0 && i != n - 1)
        continue;
      if (label->layout == NULL)
        continue;

      box = *label;
      box.category = (int) i;

      if (!arrangement->rotated)
        {
          double left;

          /* Thinned labels may take the room of the ones left out, and are shortened to it. */
          if (arrangement->step > 1)
            {
              double len = MIN (box.width, band * arrangement->step - gap);

              if (len < MIN (box.width, 2.5 * box.height))
                return FALSE;
              box.width = len;
            }

          left = CLAMP (cx - box.width / 2, 0, b->layout->width - box.width);
          text_place_at (&box, left, top);
        }
      else
        {
          double h = box.height;
          double max_len = (max_depth - SIN45 * h) / SIN45 - h * 0.5;
          double left_len = (cx - 0.5 * SIN45 * h - 1) / SIN45;
          double want = MIN (box.width, max_len);
          double len = MIN (want, left_len);

          /* How much more room on the left would let this label keep its length. */
          if (shortfall != NULL && want > left_len)
            *shortfall = MAX (*shortfall, (want - left_len) * SIN45);

          if (len < MIN (box.width, 2.5 * h))
            return FALSE;

          box.width = len;
          text_place (&box, cx, top + 0.5 * SIN45 * h, ROTATION, -len, -h / 2);
        }

      /* Only the sides: the depth is what the caller reserves below the plot. */
      if (box.rect.x < -EPS || box.rect.x + box.rect.width > b->layout->width + EPS)
        return FALSE;

      g_array_append_val (boxes, box);
    }

  /* Consecutive labels must keep apart. The last label is kept (with the first) even when it
   * means dropping the one before it. */
  for (guint i = 1; i < boxes->len; i++)
    {
      const GfChartText *prev = &g_array_index (boxes, GfChartText, i - 1);
      const GfChartText *cur = &g_array_index (boxes, GfChartText, i);

      if (!texts_overlap_gap (prev, cur, gap))
        continue;

      if (i == boxes->len - 1 && i >= 2)
        {
          const GfChartText *before = &g_array_index (boxes, GfChartText, i - 2);

          if (!texts_overlap_gap (before, cur, gap))
            {
              g_array_remove_index (boxes, i - 1);
              break;
            }
        }

      return FALSE;
    }

  for (guint i = 0; i < boxes->len; i++)
    {
      const GfChartText *box = &g_array_index (boxes, GfChartText, i);

      bottom = MAX (bottom, box->rect.y + box->rect.height);
    }
  *depth = bottom - top;

  return TRUE;
}

/* Finds the first arrangement that works: all labels flat, then (for names) rotated, then
 * thinned. Years are thinned rather than rotated. */
static gboolean
categories_arrange (Builder             *b,
                    GArray              *labels,
                    const GfChartRect   *plot,
                    double               top,
                    double               max_depth,
                    gboolean             years,
                    GArray              *boxes,
                    double              *depth,
                    double              *shortfall)
{
  guint n = labels->len;
  CategoryArrangement arrangement;

  *depth = 0;
  *shortfall = 0;
  if (n == 0)
    return TRUE;

  arrangement.rotated = FALSE;
  arrangement.step = 1;
  if (categories_try (b, labels, plot, top, max_depth, &arrangement, boxes, depth, NULL))
    return TRUE;

  if (!years)
    {
      arrangement.rotated = TRUE;
      for (arrangement.step = 1; arrangement.step <= n; arrangement.step++)
        {
          if (categories_try (b, labels, plot, top, max_depth, &arrangement, boxes, depth,
                              shortfall))
            return TRUE;
        }
    }

  arrangement.rotated = FALSE;
  for (arrangement.step = 2; arrangement.step <= n; arrangement.step++)
    {
      if (categories_try (b, labels, plot, top, max_depth, &arrangement, boxes, depth, NULL))
        return TRUE;
    }

  g_array_set_size (boxes, 0);
  *depth = 0;

  return FALSE;
}

static void
categories_make_labels (Builder *b,
                        GArray  *labels)
{
  text_array_clear (labels);
  for (guint c = 0; c < b->n_cat; c++)
    {
      GfChartText text;

      text_init (b, &text, GF_CHART_TEXT_CATEGORY_LABEL, b->font_small,
                 category_name (b->spec, c), 0);
      text.category = (int) c;
      g_array_append_val (labels, text);
    }
}

/* Commits the chosen boxes, taking the Pango layouts from @labels. */
static void
categories_commit (Builder *b,
                   GArray  *labels,
                   GArray  *boxes,
                   int      panel)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      GfChartText *box = &g_array_index (boxes, GfChartText, i);
      GfChartText *label = &g_array_index (labels, GfChartText, box->category);
      GfChartText text;

      text = *label;
      text.text = g_strdup (label->text);
      text.layout = g_object_ref (label->layout);
      text.panel = panel;

      if (box->angle != 0.0)
        {
          /* The label ends at its tick: a shortened label keeps its end there. */
          if (box->width < text.width - EPS)
            {
              pango_layout_set_width (text.layout, (int) floor (box->width * PANGO_SCALE));
              pango_layout_set_ellipsize (text.layout, PANGO_ELLIPSIZE_END);
              text_measure (&text);
            }
          text_place (&text, box->x, box->y, box->angle, -text.width, box->dy);
        }
      else
        {
          double box_width = box->width;

          if (box_width < text.width - EPS)
            {
              pango_layout_set_width (text.layout, (int) floor (box_width * PANGO_SCALE));
              pango_layout_set_ellipsize (text.layout, PANGO_ELLIPSIZE_END);
              text_measure (&text);
            }
          text_place_at (&text, box->x + MAX (box_width - text.width, 0) / 2, box->y);
        }

      text_commit (b, &text);
    }
}

/* Marks and value labels */

static GfChartMark *
add_mark (Builder         *b,
          GfChartMarkKind  kind,
          int              series,
          int              category,
          int              panel,
          double           value)
{
  GfChartMark mark = { 0 };

  mark.kind = kind;
  mark.series = series;
  mark.category = category;
  mark.panel = panel;
  mark.value = value;
  g_array_append_val (b->marks, mark);

  return &g_array_index (b->marks, GfChartMark, b->marks->len - 1);
}

static void
add_point (Builder           *b,
           const GfChartRect *plot,
           int                series,
           int                category,
           int                panel,
           double             value,
           gboolean           connect_previous)
{
  const GfChartAxis *axis = &b->layout->value_axis;
  GfChartMark *mark = add_mark (b, GF_CHART_MARK_POINT, series, category, panel, value);
  double r = 3.5 * b->fs;

  mark->x = category_center (plot, b->n_cat, category);
  mark->y = axis_position (axis, plot, value / axis->divisor);
  mark->rect.x = mark->x - r;
  mark->rect.y = mark->y - r;
  mark->rect.width = 2 * r;
  mark->rect.height = 2 * r;
  mark->connect_previous = connect_previous;
}

static void
add_bar (Builder           *b,
         const GfChartRect *plot,
         int                series,
         int                category,
         double             value,
         double             base,
         double             left,
         double             width)
{
  const GfChartAxis *axis = &b->layout->value_axis;
  GfChartMark *mark = add_mark (b, GF_CHART_MARK_BAR, series, category, 0, value);
  double y0 = axis_position (axis, plot, base / axis->divisor);
  double y1 = axis_position (axis, plot, (base + value) / axis->divisor);

  mark->rect.x = left;
  mark->rect.width = width;
  mark->rect.y = MIN (y0, y1);
  mark->rect.height = fabs (y1 - y0);
  mark->x = left + width / 2;
  mark->y = y1;
}

/**
 * gf_chart_layout_format_value:
 * @layout: a layout
 * @value: a raw value, in the unit of the spec
 * @with_unit: append the scaled unit of the value axis
 *
 * Formats a value the way the chart shows it: divided into the unit chosen for the axis
 * ("1.23 亿元" for 12,300 万元), a signed percentage for growth charts, an em dash when the
 * value is missing.
 *
 * Returns: (transfer full): the text, to free with g_free()
 */
char *
gf_chart_layout_format_value (const GfChartLayout *layout,
                              double               value,
                              gboolean             with_unit)
{
  const GfChartAxis *axis;
  g_autofree char *number = NULL;
  double scaled;

  g_return_val_if_fail (layout != NULL, NULL);

  axis = &layout->value_axis;
  scaled = value / (axis->divisor > 0 ? axis->divisor : 1.0);

  if (axis->percent)
    return gf_number_format_percent_signed (scaled, 1);

  number = gf_number_format_grouped (scaled, layout->value_decimals);
  if (!with_unit || axis->unit == NULL || !isfinite (value))
    return g_steal_pointer (&number);

  return g_strdup_printf ("%s %s", number, axis->unit);
}

/* Tries @text above (or, failing that, below) an anchor. */
static void
commit_value_label (Builder    *b,
                    double      value,
                    double      x,
                    double      above,
                    double      below,
                    gboolean    prefer_below,
                    int         series,
                    int         category)
{
  g_autofree char *label = gf_chart_layout_format_value (b->layout, value, FALSE);
  GfChartText text;
  double ys[2];

  text_init (b, &text, GF_CHART_TEXT_VALUE_LABEL, b->font_small, label, 0);
  if (text.layout == NULL)
    return;

  text.series = series;
  text.category = category;
  ys[prefer_below ? 1 : 0] = above - 2 * b->fs - text.height;
  ys[prefer_below ? 0 : 1] = below + 2 * b->fs;

  for (guint i = 0; i < 2; i++)
    {
      text_place_at (&text, x - text.width / 2, ys[i]);
      if (text_fits (b, &text))
        {
          text_commit (b, &text);
          return;
        }
    }

  text_clear (&text);
}

static void
add_gap_marks (Builder           *b,
               const GfChartRect *plot)
{
  const GfChartSpec *spec = b->spec;
  double band = plot->width / MAX (b->n_cat, 1);

  for (guint c = 0; c < b->n_cat; c++)
    {
      gboolean missing = TRUE;
      GfChartMark *mark;

      for (guint s = 0; s < spec->n_series && missing; s++)
        missing = isnan (gf_chart_spec_value (spec, s, c));

      if (!missing)
        continue;

      mark = add_mark (b, GF_CHART_MARK_GAP, -1, (int) c, 0, NAN);
      mark->rect.x = plot->x + c * band;
      mark->rect.y = plot->y;
      mark->rect.width = band;
      mark->rect.height = plot->height;
      mark->x = mark->rect.x + band / 2;
      mark->y = plot->y;
    }
}

/* Line, grouped bar, stacked bar, growth bar */

static void
prepare_end_labels (Builder *b,
                    GArray  *end_texts,
                    double  *widest)
{
  const GfChartSpec *spec = b->spec;

  *widest = 0;
  for (guint s = 0; s < spec->n_series; s++)
    {
      gboolean any = FALSE;
      GfChartText text;

      for (guint c = 0; c < b->n_cat && !any; c++)
        any = !isnan (gf_chart_spec_value (spec, s, c));

      text_init (b, &text, GF_CHART_TEXT_END_LABEL, b->font_text,
                 any ? series_name (spec, s) : NULL, b->layout->width * 0.2);
      text.series = (int) s;
      if (text.layout != NULL)
        *widest = MAX (*widest, text.width);
      g_array_append_val (end_texts, text);
    }
}

static gboolean
commit_end_labels (Builder           *b,
                   GArray            *end_texts,
                   const GfChartRect *plot)
{
  const GfChartSpec *spec = b->spec;
  const GfChartAxis *axis = &b->layout->value_axis;
  g_autofree LabelSlot *slots = g_new0 (LabelSlot, end_texts->len + 1);
  guint n = 0;
  double gap = 0;

  for (guint s = 0; s < end_texts->len; s++)
    {
      GfChartText *text = &g_array_index (end_texts, GfChartText, s);

      if (text->layout == NULL)
        continue;

      for (guint c = b->n_cat; c > 0; c--)
        {
          double v = gf_chart_spec_value (spec, s, c - 1);

          if (isnan (v))
            continue;

          slots[n].series = (int) s;
          slots[n].category = (int) c - 1;
          slots[n].px = category_center (plot, b->n_cat, c - 1);
          slots[n].py = axis_position (axis, plot, v / axis->divisor);
          slots[n].want = slots[n].py;
          gap = MAX (gap, text->height);
          n++;
          break;
        }
    }

  qsort (slots, n, sizeof (LabelSlot), compare_slots);
  if (!spread_slots (slots, n, gap, plot->y, plot->y + plot->height - gap / 2))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      GfChartText *text = &g_array_index (end_texts, GfChartText, slots[i].series);
      double label_x = plot->x + plot->width + 14 * b->fs;
      GfChartLeader leader;

      text_place_at (text, label_x, slots[i].y - text->height / 2);
      if (text_commit (b, text) < 0)
        continue;

      leader.series = slots[i].series;
      leader.category = slots[i].category;
      leader.x1 = slots[i].px + 5 * b->fs;
      leader.y1 = slots[i].py;
      leader.x2 = label_x - 3 * b->fs;
      leader.y2 = slots[i].y;
      g_array_append_val (b->leaders, leader);
    }

  return TRUE;
}

static PassResult
layout_cartesian (Builder  *b,
                  gboolean  force_legend)
{
  const GfChartSpec *spec = b->spec;
  GfChartLayout *layout = b->layout;
  GfChartKind kind = spec->kind;
  gboolean bars = kind != GF_CHART_KIND_LINE;
  gboolean stacked = kind == GF_CHART_KIND_STACKED_BAR;
  g_autoptr(GArray) end_texts = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) tick_texts = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) cat_labels = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) cat_boxes = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  gboolean use_end_labels = FALSE;
  gboolean ok = TRUE;
  gboolean years;
  double lo = INFINITY, hi = -INFINITY;
  double top, bottom, title_top, plot_top, right_margin = 0, end_w = 0, reserve;
  double extra_left = 0;
  GfChartRect plot = { 0 };
  guint n_series_with_data = 0;

  for (guint c = 0; c < b->n_cat; c++)
    {
      double pos = 0, neg = 0;
      gboolean any = FALSE;

      for (guint s = 0; s < spec->n_series; s++)
        {
          double v = gf_chart_spec_value (spec, s, c);

          if (isnan (v))
            continue;

          any = TRUE;
          if (stacked)
            {
              if (v >= 0)
                pos += v;
              else
                neg += v;
            }
          else
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
        }

      if (stacked && any)
        {
          lo = MIN (lo, neg);
          hi = MAX (hi, pos);
        }
    }

  if (!isfinite (lo) || !isfinite (hi))
    {
      place_no_data (b);
      return PASS_DONE;
    }

  for (guint s = 0; s < spec->n_series; s++)
    {
      for (guint c = 0; c < b->n_cat; c++)
        {
          if (!isnan (gf_chart_spec_value (spec, s, c)))
            {
              n_series_with_data++;
              break;
            }
        }
    }

  if (bars)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }

  axis_prepare (b, lo, hi, kind == GF_CHART_KIND_GROWTH_BAR);
  if (!bars)
    axis_maybe_include_zero (b);

  layout->has_data = TRUE;
  layout->value_axis.visible = TRUE;

  top = place_header (b);
  bottom = place_footer (b);

  if (kind == GF_CHART_KIND_LINE && !force_legend)
    {
      double space = bottom - top - axis_title_height (b) - 2 * b->small_h;

      prepare_end_labels (b, end_texts, &end_w);
      use_end_labels = n_series_with_data * b->text_h <= space * 0.8 &&
                       layout->width >= 240 * b->fs && b->compact < COMPACT_NO_LEGEND;
      if (use_end_labels)
        right_margin = end_w + 14 * b->fs;
      else
        force_legend = TRUE;
    }

  /* The last point sits half a band inside the plot; on a narrow canvas the padding alone is
   * thinner than its marker. */
  if (kind == GF_CHART_KIND_LINE)
    right_margin = MAX (right_margin, POINT_REACH * b->fs - b->pad);

  if ((kind == GF_CHART_KIND_LINE && force_legend) || (kind != GF_CHART_KIND_LINE &&
                                                       spec->n_series > 1))
    top = place_legend (b, top, top + (bottom - top) * 0.35, FALSE, kind == GF_CHART_KIND_LINE,
                        spec->n_series);

  title_top = top;
  top += axis_title_height (b);
  plot_top = top + b->small_h / 2;

  years = labels_look_like_years (spec, b->n_cat);
  categories_make_labels (b, cat_labels);
  reserve = b->small_h / 2 + 2 * b->fs + b->small_h;

  for (guint iter = 0; iter < 8; iter++)
    {
      double labels_top, depth, widest, shortfall;

      plot.y = plot_top;
      plot.height = bottom - reserve - plot_top;
      if (plot.height < 2 * b->small_h)
        {
          ok = FALSE;
          break;
        }

      axis_compute_vertical_ticks (b, plot.height, 10);
      widest = axis_make_tick_texts (b, tick_texts);

      plot.x = b->pad + widest + 6 * b->fs + extra_left;
      plot.width = layout->width - b->pad - right_margin - plot.x;
      if (plot.width < 2 * b->small_h)
        {
          ok = FALSE;
          break;
        }

      labels_top = plot.y + plot.height + b->small_h / 2 + 2 * b->fs;
      categories_arrange (b, cat_labels, &plot, labels_top,
                          MAX ((bottom - plot_top) * 0.4, b->small_h * 2),
                          years, cat_boxes, &depth, &shortfall);

      /* Rotated labels reach left of their tick: widen the left margin (up to a quarter of
       * the width) rather than cut the first names short. */
      if (shortfall > 0.5 && extra_left < layout->width * 0.25)
        {
          extra_left = MIN (extra_left + shortfall, layout->width * 0.25);
          continue;
        }

      if (labels_top + depth <= bottom + EPS)
        break;

      reserve = labels_top + depth - (plot.y + plot.height) + EPS;
    }

  if (!ok)
    {
      /* No room for a plot: the caller retries with less around it. */
      layout->value_axis.visible = FALSE;
      text_array_clear (end_texts);
      text_array_clear (tick_texts);
      text_array_clear (cat_labels);
      return PASS_TOO_SMALL;
    }

  layout->plot = plot;
  layout->band = plot.width / MAX (b->n_cat, 1);
  axis_store_ticks (b, &plot);
  {
    GfChartPanel panel = { plot, -1 };

    g_array_append_val (b->panels, panel);
  }

  commit_axis_title (b, b->pad, title_top, layout->width - 2 * b->pad);

  if (use_end_labels && !commit_end_labels (b, end_texts, &plot))
    {
      text_array_clear (end_texts);
      text_array_clear (tick_texts);
      text_array_clear (cat_labels);
      return PASS_RETRY_WITH_LEGEND;
    }

  axis_commit_vertical_labels (b, tick_texts, &plot, -1, TRUE);
  categories_commit (b, cat_labels, cat_boxes, -1);

  /* Marks */
  add_gap_marks (b, &plot);

  if (kind == GF_CHART_KIND_LINE)
    {
      /* Markers are the second cue after colour, but a crowd of them hides the lines. */
      layout->line_markers = layout->band >= 14 * b->fs * (spec->n_series > 6 ? 2 : 1);

      for (guint s = 0; s < spec->n_series; s++)
        {
          for (guint c = 0; c < b->n_cat; c++)
            {
              double v = gf_chart_spec_value (spec, s, c);

              if (isnan (v))
                continue;

              add_point (b, &plot, (int) s, (int) c, 0, v,
                         c > 0 && !isnan (gf_chart_spec_value (spec, s, c - 1)));
            }
        }
    }
  else if (stacked)
    {
      double width = MIN (layout->band * 0.62, 90 * b->fs);

      for (guint c = 0; c < b->n_cat; c++)
        {
          double cx = category_center (&plot, b->n_cat, c);
          double pos = 0, neg = 0;

          for (guint s = 0; s < spec->n_series; s++)
            {
              double v = gf_chart_spec_value (spec, s, c);

              if (isnan (v))
                continue;

              if (v >= 0)
                {
                  add_bar (b, &plot, (int) s, (int) c, v, pos, cx - width / 2, width);
                  pos += v;
                }
              else
                {
                  add_bar (b, &plot, (int) s, (int) c, v, neg, cx - width / 2, width);
                  neg += v;
                }
            }
        }
    }
  else
    {
      double group = MIN (layout->band * 0.8, spec->n_series * 60 * b->fs);
      double slot = group / MAX (spec->n_series, 1);
      double width = slot > 4 ? slot * 0.88 : slot;

      for (guint c = 0; c < b->n_cat; c++)
        {
          double left = category_center (&plot, b->n_cat, c) - group / 2;

          for (guint s = 0; s < spec->n_series; s++)
            {
              double v = gf_chart_spec_value (spec, s, c);

              if (isnan (v))
                continue;

              add_bar (b, &plot, (int) s, (int) c, v, 0, left + s * slot + (slot - width) / 2,
                       width);
            }
        }
    }

  /* Value labels, least important: whatever collides is dropped. */
  if (spec->show_values)
    {
      if (stacked)
        {
          const GfChartAxis *axis = &layout->value_axis;

          for (guint c = 0; c < b->n_cat; c++)
            {
              double pos = 0;
              gboolean any = FALSE;
              double y;

              for (guint s = 0; s < spec->n_series; s++)
                {
                  double v = gf_chart_spec_value (spec, s, c);

                  if (!isnan (v))
                    {
                      any = TRUE;
                      pos += MAX (v, 0);
                    }
                }
              if (!any)
                continue;

              y = axis_position (axis, &plot, pos / axis->divisor);
              commit_value_label (b, pos, category_center (&plot, b->n_cat, c), y, y, FALSE,
                                  -1, (int) c);
            }
        }
      else
        {
          for (guint i = 0; i < b->marks->len; i++)
            {
              GfChartMark mark = g_array_index (b->marks, GfChartMark, i);

              if (mark.kind == GF_CHART_MARK_POINT)
                commit_value_label (b, mark.value, mark.x, mark.rect.y, mark.rect.y +
                                    mark.rect.height, FALSE, mark.series, mark.category);
              else if (mark.kind == GF_CHART_MARK_BAR)
                commit_value_label (b, mark.value, mark.x, mark.rect.y, mark.rect.y +
                                    mark.rect.height, mark.value < 0, mark.series,
                                    mark.category);
            }
        }
    }

  text_array_clear (end_texts);
  text_array_clear (tick_texts);
  text_array_clear (cat_labels);

  return PASS_DONE;
}

/* Small multiples */

static PassResult
layout_small_multiples (Builder *b)
{
  const GfChartSpec *spec = b->spec;
  GfChartLayout *layout = b->layout;
  g_autoptr(GArray) tick_texts = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  double lo = INFINITY, hi = -INFINITY;
  double top, bottom, title_top, avail_w, avail_h, widest = 0;
  double gap_x = 18 * b->fs, gap_y = 10 * b->fs;
  double panel_title_h = b->small_h + 2 * b->fs;
  double cat_h = b->small_h / 2 + 2 * b->fs + b->small_h;
  guint n = spec->n_series;
  guint best_cols = 1;
  double cell_w = 0, cell_h = 0;

  for (guint s = 0; s < n; s++)
    {
      for (guint c = 0; c < b->n_cat; c++)
        {
          double v = gf_chart_spec_value (spec, s, c);

          if (!isnan (v))
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
        }
    }

  if (!isfinite (lo) || n == 0)
    {
      place_no_data (b);
      return PASS_DONE;
    }

  axis_prepare (b, lo, hi, FALSE);
  axis_maybe_include_zero (b);
  layout->has_data = TRUE;
  layout->value_axis.visible = TRUE;

  top = place_header (b);
  bottom = place_footer (b);
  title_top = top;
  top += axis_title_height (b);
  avail_h = bottom - top;

  /* Two rounds: the tick labels' width depends on the panel height and the other way round. */
  for (guint round_ = 0; round_ < 2; round_++)
    {
      double best_score = -1;
      double plot_h;

      avail_w = layout->width - 2 * b->pad - widest - 6 * b->fs;
      for (guint cols = 1; cols <= n; cols++)
        {
          guint rows = (n + cols - 1) / cols;
          double w = (avail_w + gap_x) / cols - gap_x;
          double h = (avail_h + gap_y) / rows - gap_y - panel_title_h - cat_h;
          double score = MIN (w / 1.6, h);

          if (score > best_score)
            {
              best_score = score;
              best_cols = cols;
            }
        }

      cell_w = (avail_w + gap_x) / best_cols - gap_x;
      cell_h = (avail_h + gap_y) / ((n + best_cols - 1) / best_cols) - gap_y;
      plot_h = cell_h - panel_title_h - cat_h - b->small_h / 2;
      if (plot_h < 2 * b->small_h || cell_w < 3 * b->small_h)
        {
          layout->value_axis.visible = FALSE;
          text_array_clear (tick_texts);
          return PASS_TOO_SMALL;
        }

      axis_compute_vertical_ticks (b, plot_h, 6);
      widest = axis_make_tick_texts (b, tick_texts);
    }

  commit_axis_title (b, b->pad, title_top, layout->width - 2 * b->pad);

  for (guint p = 0; p < n; p++)
    {
      guint row = p / best_cols, col = p % best_cols;
      double cell_x = b->pad + widest + 6 * b->fs + col * (cell_w + gap_x);
      double cell_y = top + row * (cell_h + gap_y);
      GfChartPanel panel;
      GfChartText text;
      gboolean any = FALSE;

      panel.series = (int) p;
      panel.plot.x = cell_x;
      panel.plot.y = cell_y + panel_title_h + b->small_h / 2;
      panel.plot.width = cell_w;
      panel.plot.height = cell_h - panel_title_h - cat_h - b->small_h / 2;
      g_array_append_val (b->panels, panel);
      if (p == 0)
        {
          layout->plot = panel.plot;
          layout->band = panel.plot.width / MAX (b->n_cat, 1);
          axis_store_ticks (b, &panel.plot);
        }

      text_init (b, &text, GF_CHART_TEXT_PANEL_TITLE, b->font_small, series_name (spec, p),
                 cell_w);
      text.series = (int) p;
      text.panel = (int) p;
      text_place_at (&text, cell_x, cell_y);
      text_commit (b, &text);

      if (col == 0)
        axis_commit_vertical_labels (b, tick_texts, &panel.plot, (int) p, p == 0);

      for (guint c = 0; c < b->n_cat; c++)
        {
          double v = gf_chart_spec_value (spec, p, c);

          if (isnan (v))
            continue;

          any = TRUE;
          add_point (b, &panel.plot, (int) p, (int) c, (int) p, v,
                     c > 0 && !isnan (gf_chart_spec_value (spec, p, c - 1)));
        }

      if (!any)
        {
          const char *message = spec->no_data_message;

          text_init (b, &text, GF_CHART_TEXT_MESSAGE, b->font_small, message, cell_w);
          text.panel = (int) p;
          text_place_at (&text, cell_x + (cell_w - text.width) / 2,
                         panel.plot.y + panel.plot.height / 2 - text.height / 2);
          if (text.layout != NULL)
            text_commit (b, &text);
        }

      /* First and last category under every panel. */
      for (guint k = 0; k < 2 && b->n_cat > 0; k++)
        {
          guint c = k == 0 ? 0 : b->n_cat - 1;
          double cx = category_center (&panel.plot, b->n_cat, c);

          if (k == 1 && c == 0)
            break;

          text_init (b, &text, GF_CHART_TEXT_CATEGORY_LABEL, b->font_small,
                     category_name (spec, c), 0);
          if (text.layout == NULL)
            continue;

          text.category = (int) c;
          text.panel = (int) p;
          text_place_at (&text,
                         CLAMP (cx - text.width / 2, cell_x - gap_x / 2,
                                cell_x + cell_w + gap_x / 2 - text.width),
                         panel.plot.y + panel.plot.height + b->small_h / 2 + 2 * b->fs);
          text_commit (b, &text);
        }
    }

  layout->line_markers = FALSE;
  text_array_clear (tick_texts);

  return PASS_DONE;
}

/* Ranked horizontal bars */

typedef struct
{
  guint  category;
  double value;
} RankItem;

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const RankItem *ra = a;
  const RankItem *rb = b;

  if (ra->value > rb->value)
    return -1;
  if (ra->value < rb->value)
    return 1;
  return (int) ra->category - (int) rb->category;
}

static PassResult
layout_ranked (Builder *b)
{
  const GfChartSpec *spec = b->spec;
  GfChartLayout *layout = b->layout;
  GfChartAxis *axis = &layout->value_axis;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (RankItem));
  g_autoptr(GArray) tick_texts = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) names = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  g_autoptr(GArray) ranks = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  double lo = 0, hi = 0;
  double top, bottom, title_top, name_w = 0, rank_w = 0, value_w = 0, rows_bottom;
  GfChartRect plot;
  guint n;

  for (guint c = 0; c < b->n_cat; c++)
    {
      RankItem item = { c, gf_chart_spec_value (spec, 0, c) };

      if (!isnan (item.value))
        g_array_append_val (items, item);
    }

  if (items->len == 0)
    {
      place_no_data (b);
      return PASS_DONE;
    }

  g_array_sort (items, compare_rank);
  if (spec->top_n > 0 && items->len > spec->top_n)
    g_array_set_size (items, spec->top_n);
  n = items->len;

  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (items, RankItem, i).value;

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }

  axis_prepare (b, lo, hi, FALSE);
  axis->horizontal = TRUE;
  axis->visible = TRUE;
  layout->has_data = TRUE;

  top = place_header (b);
  bottom = place_footer (b);
  title_top = top;
  top += axis_title_height (b);

  for (guint i = 0, shown_rank = 0; i < n; i++)
    {
      const RankItem *item = &g_array_index (items, RankItem, i);
      const char *note = spec->category_notes != NULL ? spec->category_notes[item->category]
                                                      : NULL;
      g_autofree char *rank = NULL;
      g_autofree char *value = NULL;
      GfChartText text;

      /* Equal values share a rank (1, 2, 2, 4): a TOP list must not rank a tie. */
      if (i == 0 || g_array_index (items, RankItem, i - 1).value != item->value)
        shown_rank = i + 1;
      rank = g_strdup_printf ("%u", shown_rank);

      text_init (b, &text, GF_CHART_TEXT_RANK, b->font_small, rank, 0);
      text.category = (int) item->category;
      rank_w = MAX (rank_w, text.width);
      g_array_append_val (ranks, text);

      text_init (b, &text, GF_CHART_TEXT_CATEGORY_LABEL, b->font_small,
                 category_name (spec, item->category), layout->width * 0.3);
      text.category = (int) item->category;
      name_w = MAX (name_w, text.width);
      g_array_append_val (names, text);

      value = gf_chart_layout_format_value (layout, item->value, FALSE);
      if (note != NULL && *note != '\0')
        {
          char *with_note = g_strdup_printf ("%s  %s", value, note);

          g_free (value);
          value = with_note;
        }
      text_init (b, &text, GF_CHART_TEXT_VALUE_LABEL, b->font_small, value, 0);
      text.category = (int) item->category;
      text.series = 0;
      value_w = MAX (value_w, text.width);
      g_array_append_val (values, text);
    }

  rows_bottom = bottom - (b->small_h + 6 * b->fs);
  plot.x = b->pad + rank_w + 8 * b->fs + name_w + 8 * b->fs;
  plot.y = top;
  plot.width = layout->width - b->pad - value_w - 6 * b->fs - plot.x;
  plot.height = rows_bottom - top;

  if (plot.width < 3 * b->small_h || plot.height < b->small_h)
    {
      axis->visible = FALSE;
      text_array_clear (ranks);
      text_array_clear (names);
      text_array_clear (values);
      return PASS_TOO_SMALL;
    }

  /* Horizontal ticks: as many as their labels allow. */
  for (guint max_intervals = 10; max_intervals >= 1; max_intervals--)
    {
      double widest;

      axis_compute_ticks (b, max_intervals);
      widest = axis_make_tick_texts (b, tick_texts);
      if (plot.width / MAX (axis_tick_count (axis) - 1, 1) >= widest + 12 * b->fs)
        break;
    }

  layout->plot = plot;
  layout->band = plot.height / n;
  layout->n_rows = n;
  layout->rows = g_new (int, n);
  {
    GfChartPanel panel = { plot, 0 };

    g_array_append_val (b->panels, panel);
  }
  axis_store_ticks (b, &plot);

  commit_axis_title (b, plot.x, title_top, layout->width - plot.x - b->pad);

  for (guint i = 0; i < b->ticks->len; i++)
    {
      GfChartTick *tick = &g_array_index (b->ticks, GfChartTick, i);
      GfChartText *text = &g_array_index (tick_texts, GfChartText, i);

      text_place_at (text, tick->position - text->width / 2, plot.y + plot.height + 4 * b->fs);
      tick->text = text_commit (b, text);
    }

  for (guint i = 0; i < n; i++)
    {
      const RankItem *item = &g_array_index (items, RankItem, i);
      GfChartText *rank = &g_array_index (ranks, GfChartText, i);
      GfChartText *name = &g_array_index (names, GfChartText, i);
      GfChartText *value = &g_array_index (values, GfChartText, i);
      double cy = plot.y + layout->band * (i + 0.5);
      double thickness = MIN (layout->band * 0.7, 36 * b->fs);
      double x0 = axis_position (axis, &plot, 0);
      double x1 = axis_position (axis, &plot, item->value / axis->divisor);
      GfChartMark *mark;

      layout->rows[i] = (int) item->category;

      mark = add_mark (b, GF_CHART_MARK_BAR, 0, (int) item->category, 0, item->value);
      mark->rect.x = MIN (x0, x1);
      mark->rect.width = fabs (x1 - x0);
      mark->rect.y = cy - thickness / 2;
      mark->rect.height = thickness;
      mark->x = x1;
      mark->y = cy;

      if (name->layout != NULL)
        {
          text_place_at (name, plot.x - 8 * b->fs - name->width, cy - name->height / 2);
          if (text_commit (b, name) >= 0)
            {
              text_place_at (rank, b->pad + rank_w - rank->width, cy - rank->height / 2);
              text_commit (b, rank);
            }
        }

      /* A negative value is written right of the zero line, its bar runs left. */
      text_place_at (value, (item->value >= 0 ? x1 : x0) + 4 * b->fs, cy - value->height / 2);
      text_commit (b, value);
    }

  text_array_clear (ranks);
  text_array_clear (names);
  text_array_clear (values);
  text_array_clear (tick_texts);

  return PASS_DONE;
}

/* Donut */

static PassResult
layout_donut (Builder  *b,
              gboolean  force_legend)
{
  const GfChartSpec *spec = b->spec;
  GfChartLayout *layout = b->layout;
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  double total = 0, widest = 0;
  double top, bottom, area_w, area_h, cx, cy, radius, inner, angle;
  gboolean outer_labels = !force_legend;
  guint n_slices = 0;

  for (guint c = 0; c < b->n_cat; c++)
    {
      double v = gf_chart_spec_value (spec, 0, c);

      if (!isnan (v) && v > 0)
        {
          total += v;
          n_slices++;
        }
    }

  if (n_slices == 0 || !isfinite (total))
    {
      place_no_data (b);
      return PASS_DONE;
    }

  axis_prepare (b, 0, total, FALSE);
  layout->value_axis.visible = FALSE;
  layout->has_data = TRUE;
  layout->total = total;

  top = place_header (b);
  bottom = place_footer (b);
  area_w = layout->width - 2 * b->pad;

  if (outer_labels)
    {
      for (guint c = 0; c < b->n_cat; c++)
        {
          double v = gf_chart_spec_value (spec, 0, c);
          g_autofree char *share = NULL;
          g_autofree char *label = NULL;
          const char *name = category_name (spec, c);
          GfChartText text;

          if (isnan (v) || v <= 0)
            continue;

          share = gf_number_format_grouped (100.0 * v / total, 1);
          label = g_strdup_printf ("%s %s%%", name != NULL ? name : "", share);
          text_init (b, &text, GF_CHART_TEXT_END_LABEL, b->font_small, label, area_w * 0.28);
          text.category = (int) c;
          widest = MAX (widest, text.width);
          g_array_append_val (labels, text);
        }

      area_h = bottom - top;
      radius = MIN (area_h / 2 - b->small_h / 2, area_w / 2 - widest - 24 * b->fs);
      if (radius < MAX (36 * b->fs, MIN (area_w, area_h) * 0.2))
        {
          text_array_clear (labels);
          return PASS_RETRY_WITH_LEGEND;
        }
    }
  else
    {
      top = place_legend (b, top, top + (bottom - top) * 0.4, TRUE, FALSE, b->n_cat);
      area_h = bottom - top;
      radius = MIN (area_w, area_h) / 2 - 2 * b->fs;
    }

  if (radius < 8)
    {
      text_array_clear (labels);
      return PASS_TOO_SMALL;
    }

  cx = layout->width / 2;
  cy = top + (bottom - top) / 2;
  inner = radius * 0.58;
  layout->plot.x = cx - radius;
  layout->plot.y = cy - radius;
  layout->plot.width = 2 * radius;
  layout->plot.height = 2 * radius;
  {
    GfChartPanel panel = { layout->plot, 0 };

    g_array_append_val (b->panels, panel);
  }

  angle = -G_PI / 2;
  for (guint c = 0; c < b->n_cat; c++)
    {
      double v = gf_chart_spec_value (spec, 0, c);
      GfChartMark *mark;

      if (isnan (v) || v <= 0)
        continue;

      mark = add_mark (b, GF_CHART_MARK_ARC, 0, (int) c, 0, v);
      mark->x = cx;
      mark->y = cy;
      mark->inner_radius = inner;
      mark->outer_radius = radius;
      mark->start_angle = angle;
      mark->end_angle = angle + 2 * G_PI * v / total;
      mark->rect = layout->plot;
      angle = mark->end_angle;
    }

  /* Total in the hole: the number, and the unit under it. */
  {
    g_autofree char *number = gf_chart_layout_format_value (layout, total, FALSE);
    GfChartText value_text, unit_text;
    double h;

    text_init (b, &value_text, GF_CHART_TEXT_CENTER_LABEL, b->font_center, number, 0);
    text_init (b, &unit_text, GF_CHART_TEXT_CENTER_LABEL, b->font_small,
               layout->value_axis.unit, 0);
    h = value_text.height + unit_text.height;
    if (value_text.layout != NULL && value_text.width < 1.6 * inner && h < 1.4 * inner)
      {
        text_place_at (&value_text, cx - value_text.width / 2, cy - h / 2);
        text_commit (b, &value_text);
        if (unit_text.layout != NULL)
          {
            text_place_at (&unit_text, cx - unit_text.width / 2, cy - h / 2 + h -
                           unit_text.height);
            text_commit (b, &unit_text);
          }
      }
    else
      {
        text_clear (&value_text);
        text_clear (&unit_text);
      }
  }

  if (outer_labels)
    {
      g_autofree LabelSlot *left = g_new0 (LabelSlot, labels->len + 1);
      g_autofree LabelSlot *right = g_new0 (LabelSlot, labels->len + 1);
      guint n_left = 0, n_right = 0;
      double gap = b->small_h;
      guint m = 0;

      for (guint i = 0; i < b->marks->len; i++)
        {
          const GfChartMark *mark = &g_array_index (b->marks, GfChartMark, i);
          double mid = (mark->start_angle + mark->end_angle) / 2;
          LabelSlot slot = { 0 };

          slot.series = (int) m++;
          slot.category = mark->category;
          slot.px = cx + radius * cos (mid);
          slot.py = cy + radius * sin (mid);
          slot.want = cy + (radius + 12 * b->fs) * sin (mid);
          if (cos (mid) >= 0)
            right[n_right++] = slot;
          else
            left[n_left++] = slot;
        }

      qsort (left, n_left, sizeof (LabelSlot), compare_slots);
      qsort (right, n_right, sizeof (LabelSlot), compare_slots);
      if (!spread_slots (left, n_left, gap, top + gap / 2, bottom - gap / 2) ||
          !spread_slots (right, n_right, gap, top + gap / 2, bottom - gap / 2))
        {
          text_array_clear (labels);
          return PASS_RETRY_WITH_LEGEND;
        }

      for (guint side = 0; side < 2; side++)
        {
          LabelSlot *slots = side == 0 ? left : right;
          guint n_slots = side == 0 ? n_left : n_right;

          for (guint i = 0; i < n_slots; i++)
            {
              GfChartText *text = &g_array_index (labels, GfChartText, slots[i].series);
              double w = text->width;
              double ring = radius + 14 * b->fs;
              double dy = MAX (fabs (slots[i].y - cy) - text->height / 2, 0);
              double reach = dy < ring ? sqrt (ring * ring - dy * dy) : 0;
              double x = side == 0 ? cx - reach - 4 * b->fs - w : cx + reach + 4 * b->fs;
              GfChartLeader leader;

              text_place_at (text, x, slots[i].y - text->height / 2);
              if (text_commit (b, text) < 0)
                continue;

              leader.series = 0;
              leader.category = slots[i].category;
              leader.x1 = slots[i].px;
              leader.y1 = slots[i].py;
              leader.x2 = side == 0 ? x + w + 3 * b->fs : x - 3 * b->fs;
              leader.y2 = slots[i].y;
              g_array_append_val (b->leaders, leader);
            }
        }
    }

  text_array_clear (labels);

  return PASS_DONE;
}

/* Sparkline */

static void
layout_sparkline (Builder *b)
{
  const GfChartSpec *spec = b->spec;
  GfChartLayout *layout = b->layout;
  GfChartAxis *axis = &layout->value_axis;
  double lo = INFINITY, hi = -INFINITY, last = NAN;
  double inset = 4 * b->fs;
  GfChartRect plot;
  GfChartText text;

  for (guint s = 0; s < spec->n_series; s++)
    {
      for (guint c = 0; c < b->n_cat; c++)
        {
          double v = gf_chart_spec_value (spec, s, c);

          if (isnan (v))
            continue;

          lo = MIN (lo, v);
          hi = MAX (hi, v);
          if (s == 0)
            last = v;
        }
    }

  if (!isfinite (lo))
    {
      b->layout->has_data = FALSE;
      place_message (b, 0, layout->height);
      return;
    }

  axis_prepare (b, lo, hi, FALSE);
  axis->visible = FALSE;
  layout->has_data = TRUE;

  plot.x = inset;
  plot.y = inset;
  plot.width = layout->width - 2 * inset;
  plot.height = layout->height - 2 * inset;

  if (spec->show_values && !isnan (last))
    {
      g_autofree char *label = gf_chart_layout_format_value (layout, last, FALSE);

      text_init (b, &text, GF_CHART_TEXT_VALUE_LABEL, b->font_small, label, 0);
      text.series = 0;
      if (text.layout != NULL && text.width < plot.width * 0.5)
        {
          plot.width -= text.width + 4 * b->fs;
          text_place_at (&text, plot.x + plot.width + 4 * b->fs + inset / 2,
                         layout->height / 2 - text.height / 2);
          text_commit (b, &text);
        }
      else
        {
          text_clear (&text);
        }
    }

  if (plot.width < 2 || plot.height < 1)
    return;

  /* No nice ticks: a sparkline shows the shape of the trend over its own range. */
  axis->min = b->data_lo;
  axis->max = b->data_hi;
  if (axis->max - axis->min <= fabs (axis->max) * 1e-12)
    {
      double half = fabs (axis->max) > 0 ? fabs (axis->max) : 1.0;

      axis->min -= half;
      axis->max += half;
    }
  axis->step = axis->max - axis->min;
  axis->decimals = gf_number_format_auto_decimals (axis->max);

  layout->plot = plot;
  layout->band = plot.width / MAX (b->n_cat, 1);
  {
    GfChartPanel panel = { plot, -1 };

    g_array_append_val (b->panels, panel);
  }

  for (guint s = 0; s < spec->n_series; s++)
    {
      for (guint c = 0; c < b->n_cat; c++)
        {
          double v = gf_chart_spec_value (spec, s, c);

          if (isnan (v))
            continue;

          add_point (b, &plot, (int) s, (int) c, 0, v,
                     c > 0 && !isnan (gf_chart_spec_value (spec, s, c - 1)));
        }
    }
}

/* Builder */

static void
builder_clear_results (Builder *b)
{
  GfChartAxis *axis = &b->layout->value_axis;

  text_array_clear (b->texts);
  g_array_set_size (b->marks, 0);
  g_array_set_size (b->legend, 0);
  g_array_set_size (b->leaders, 0);
  g_array_set_size (b->panels, 0);
  g_array_set_size (b->ticks, 0);
  g_clear_pointer (&b->layout->rows, g_free);
  b->layout->n_rows = 0;
  b->layout->message_text = -1;
  b->layout->has_data = FALSE;
  b->layout->line_markers = FALSE;
  b->layout->band = 0;
  b->layout->total = 0;
  memset (&b->layout->plot, 0, sizeof b->layout->plot);
  axis->title_text = -1;
  axis->visible = FALSE;
  axis->horizontal = FALSE;
}

static void
builder_finish (Builder *b)
{
  GfChartLayout *layout = b->layout;
  guint len;

  len = b->texts->len;
  layout->texts = (GfChartText *) (void *) g_array_free (g_steal_pointer (&b->texts), FALSE);
  layout->n_texts = len;

  len = b->marks->len;
  layout->marks = (GfChartMark *) (void *) g_array_free (g_steal_pointer (&b->marks), FALSE);
  layout->n_marks = len;

  len = b->legend->len;
  layout->legend = (GfChartLegendItem *) (void *) g_array_free (g_steal_pointer (&b->legend),
                                                                FALSE);
  layout->n_legend = len;

  len = b->leaders->len;
  layout->leaders = (GfChartLeader *) (void *) g_array_free (g_steal_pointer (&b->leaders),
                                                             FALSE);
  layout->n_leaders = len;

  len = b->panels->len;
  layout->panels = (GfChartPanel *) (void *) g_array_free (g_steal_pointer (&b->panels), FALSE);
  layout->n_panels = len;

  len = b->ticks->len;
  layout->value_axis.ticks = (GfChartTick *) (void *) g_array_free (g_steal_pointer (&b->ticks),
                                                                    FALSE);
  layout->value_axis.n_ticks = len;

  g_clear_pointer (&b->font_title, pango_font_description_free);
  g_clear_pointer (&b->font_text, pango_font_description_free);
  g_clear_pointer (&b->font_small, pango_font_description_free);
  g_clear_pointer (&b->font_message, pango_font_description_free);
  g_clear_pointer (&b->font_center, pango_font_description_free);
}

static PassResult
layout_pass (Builder  *b,
             gboolean  force_legend)
{
  switch (b->spec->kind)
    {
    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_GROWTH_BAR:
      return layout_cartesian (b, force_legend);

    case GF_CHART_KIND_DONUT:
      return layout_donut (b, force_legend);

    case GF_CHART_KIND_RANKED_BAR:
      return layout_ranked (b);

    case GF_CHART_KIND_SPARKLINE:
      layout_sparkline (b);
      return PASS_DONE;

    case GF_CHART_KIND_SMALL_MULTIPLES:
      return layout_small_multiples (b);

    default:
      g_warn_if_reached ();
      place_no_data (b);
      return PASS_DONE;
    }
}

/* Public API */

/**
 * gf_chart_create_pango_context:
 * @font_map: (nullable): a PangoCairo font map, or %NULL for this thread's default one
 *
 * Creates a Pango context set up the way charts measure text: language zh-cn (so that Han
 * characters take Simplified Chinese shapes under any locale), left-to-right, unhinted metrics
 * and unrounded glyph positions, so that the same layout serves a screen, a 300-dpi PNG and a
 * PDF.
 *
 * Returns: (transfer full): a new context
 */
PangoContext *
gf_chart_create_pango_context (PangoFontMap *font_map)
{
  PangoContext *context;
  cairo_font_options_t *options;

  if (font_map == NULL)
    font_map = pango_cairo_font_map_get_default ();

  context = pango_font_map_create_context (font_map);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (context, PANGO_DIRECTION_LTR);
  pango_context_set_round_glyph_positions (context, FALSE);

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

/**
 * gf_chart_nice_ticks:
 * @lo: the lowest value to cover
 * @hi: the highest value to cover
 * @max_intervals: the most intervals wanted (at least 1)
 * @tick_min: (out): the first tick, at or below @lo
 * @tick_max: (out): the last tick, at or above @hi
 * @step: (out): the distance between ticks, 1, 2 or 5 × 10ⁿ
 *
 * Chooses round ticks covering [@lo, @hi] with the smallest step of the 1-2-5 series that needs
 * no more than @max_intervals intervals (two at least when the range crosses zero). Ticks are
 * multiples of the step, so zero is a tick whenever it is in range. When @lo equals @hi the
 * range is stretched to zero (or to 0–1 for a zero). Non-finite input gives 0–1.
 *
 * Returns: %FALSE if the input was not finite
 */
gboolean
gf_chart_nice_ticks (double  lo,
                     double  hi,
                     guint   max_intervals,
                     double *tick_min,
                     double *tick_max,
                     double *step)
{
  static const double multipliers[] = { 1, 2, 5 };
  double raw, base;

  g_return_val_if_fail (tick_min != NULL && tick_max != NULL && step != NULL, FALSE);

  if (!isfinite (lo) || !isfinite (hi))
    {
      *tick_min = 0;
      *tick_max = 1;
      *step = 1;
      return FALSE;
    }

  if (lo > hi)
    {
      double tmp = lo;

      lo = hi;
      hi = tmp;
    }

  /* A range across zero needs two intervals at least: zero is always a tick. */
  max_intervals = MAX (max_intervals, (lo < 0 && hi > 0) ? 2 : 1);

  if (hi - lo <= MAX (fabs (lo), fabs (hi)) * 1e-12)
    {
      if (hi > 0)
        lo = 0;
      else if (lo < 0)
        hi = 0;
      else
        hi = 1;
    }

  raw = (hi - lo) / max_intervals;
  base = pow (10, floor (log10 (raw)));

  /* Far from zero, a narrow range may need a step many decades above @raw. */
  for (guint guard = 0; guard < 700 && isfinite (base); guard++, base *= 10)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
        {
          double s = multipliers[i] * base;
          double first, last;

          if (s < raw * (1 - 1e-9))
            continue;

          first = floor (lo / s + 1e-9) * s;
          last = ceil (hi / s - 1e-9) * s;
          if (lround ((last - first) / s) > (long) max_intervals)
            continue;

          if (fabs (first) < s * 1e-9)
            first = 0;
          if (fabs (last) < s * 1e-9)
            last = 0;

          *tick_min = first;
          *tick_max = last;
          *step = s;
          return TRUE;
        }
    }

  /* Not reached for finite input; keep the output sane anyway. */
  *tick_min = lo;
  *tick_max = hi;
  *step = hi - lo;

  return TRUE;
}

/* "#RRGGBB" → 0xRRGGBB, or -1 for NULL or anything else. */
static gint32
parse_rgb (const char *color)
{
  guint32 rgb = 0;

  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return -1;

  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (color[i]);

      if (digit < 0)
        return -1;
      rgb = rgb << 4 | (guint32) digit;
    }

  return (gint32) rgb;
}

/**
 * gf_chart_layout_compute:
 * @spec: what to draw
 * @context: (nullable): a Pango context whose font map to use (a widget's), or %NULL to use
 *   this thread's default PangoCairo font map
 *
 * Lays the chart out at @spec's size: measures every text with Pango, chooses ticks and units,
 * arranges labels so that none overlap or leave the canvas, and places the marks. @context is
 * not modified: the layout makes its own context from its font map with
 * gf_chart_create_pango_context().
 *
 * The result refers to no memory of @spec, but rendering a highlight reads @spec again.
 *
 * Returns: (transfer full): the layout, to free with gf_chart_layout_free()
 */
GfChartLayout *
gf_chart_layout_compute (const GfChartSpec *spec,
                         PangoContext      *context)
{
  GfChartLayout *layout;
  Builder b = { 0 };

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (isfinite (spec->width) && spec->width > 0, NULL);
  g_return_val_if_fail (isfinite (spec->height) && spec->height > 0, NULL);
  g_return_val_if_fail (spec->n_series == 0 || spec->series != NULL, NULL);

  layout = g_new0 (GfChartLayout, 1);
  layout->kind = spec->kind;
  layout->width = spec->width;
  layout->height = spec->height;
  layout->high_contrast = spec->high_contrast;
  layout->transparent = spec->transparent;
  layout->n_series = spec->n_series;
  layout->series_rgb = g_new (gint32, MAX (spec->n_series, 1));
  for (guint i = 0; i < spec->n_series; i++)
    layout->series_rgb[i] = parse_rgb (spec->series[i].color);
  layout->category_rgb = g_new (gint32, MAX (spec->n_categories, 1));
  for (guint i = 0; i < spec->n_categories; i++)
    layout->category_rgb[i] = spec->category_colors != NULL
                              && (spec->kind == GF_CHART_KIND_DONUT
                                  || spec->kind == GF_CHART_KIND_RANKED_BAR)
                              ? parse_rgb (spec->category_colors[i]) : -1;
  layout->font_scale = spec->font_scale > 0 ? CLAMP (spec->font_scale, 0.25, 8.0) : 1.0;
  layout->message_text = -1;
  layout->value_axis.title_text = -1;
  layout->value_axis.divisor = 1.0;
  layout->value_axis.min = 0;
  layout->value_axis.max = 1;
  layout->value_axis.step = 1;
  layout->context = gf_chart_create_pango_context (context != NULL
                                                   ? pango_context_get_font_map (context)
                                                   : NULL);

  b.spec = spec;
  b.layout = layout;
  b.fs = layout->font_scale;
  b.pad = MIN (12 * b.fs, MIN (spec->width, spec->height) * 0.04);
  b.font_title = font_new (TITLE_SIZE * b.fs, PANGO_WEIGHT_BOLD);
  b.font_text = font_new (TEXT_SIZE * b.fs, PANGO_WEIGHT_NORMAL);
  b.font_small = font_new (SMALL_SIZE * b.fs, PANGO_WEIGHT_NORMAL);
  b.font_message = font_new (MESSAGE_SIZE * b.fs, PANGO_WEIGHT_NORMAL);
  b.font_center = font_new (CENTER_SIZE * b.fs, PANGO_WEIGHT_BOLD);
  b.text_h = font_line_height (&b, b.font_text);
  b.small_h = font_line_height (&b, b.font_small);
  b.texts = g_array_new (FALSE, TRUE, sizeof (GfChartText));
  b.marks = g_array_new (FALSE, TRUE, sizeof (GfChartMark));
  b.legend = g_array_new (FALSE, TRUE, sizeof (GfChartLegendItem));
  b.leaders = g_array_new (FALSE, TRUE, sizeof (GfChartLeader));
  b.panels = g_array_new (FALSE, TRUE, sizeof (GfChartPanel));
  b.ticks = g_array_new (FALSE, TRUE, sizeof (GfChartTick));

  b.n_cat = spec->n_categories;
  if (b.n_cat == 0)
    {
      for (guint s = 0; s < spec->n_series; s++)
        b.n_cat = MAX (b.n_cat, spec->series[s].n_values);
    }
  layout->n_categories = b.n_cat;

  /* Lay out; when there is no room for the data, leave out the subtitle and source, then the
   * legend, then the title. A chart too small even then shows its title at most, never the
   * no-data message: it has data. */
  for (b.compact = COMPACT_NONE; b.compact <= COMPACT_NO_TITLE; b.compact++)
    {
      PassResult result = layout_pass (&b, FALSE);

      if (result == PASS_RETRY_WITH_LEGEND)
        {
          builder_clear_results (&b);
          result = layout_pass (&b, TRUE);
        }

      if (result != PASS_TOO_SMALL)
        break;

      if (b.compact < COMPACT_NO_TITLE)
        builder_clear_results (&b);
    }

  layout->line_width = (layout->high_contrast ? 3.0 : 2.0) * b.fs;
  if (spec->kind == GF_CHART_KIND_SPARKLINE || spec->kind == GF_CHART_KIND_SMALL_MULTIPLES)
    layout->line_width *= 0.8;

  builder_finish (&b);

  return layout;
}

/**
 * gf_chart_layout_free:
 * @layout: (nullable): a layout
 *
 * Frees @layout and everything it holds.
 */
void
gf_chart_layout_free (GfChartLayout *layout)
{
  if (layout == NULL)
    return;

  for (guint i = 0; i < layout->n_texts; i++)
    text_clear (&layout->texts[i]);
  g_clear_pointer (&layout->texts, g_free);
  g_clear_pointer (&layout->marks, g_free);
  g_clear_pointer (&layout->legend, g_free);
  g_clear_pointer (&layout->leaders, g_free);
  g_clear_pointer (&layout->panels, g_free);
  g_clear_pointer (&layout->rows, g_free);
  g_clear_pointer (&layout->series_rgb, g_free);
  g_clear_pointer (&layout->category_rgb, g_free);
  g_clear_pointer (&layout->value_axis.ticks, g_free);
  g_clear_pointer (&layout->value_axis.unit, g_free);
  g_clear_object (&layout->context);
  g_free (layout);
}

/**
 * gf_chart_layout_series_color:
 * @layout: a layout
 * @series: a series index
 *
 * The series' own colour when the spec gave one, otherwise the palette's; the high-contrast
 * palette always wins, since its point is contrast.
 *
 * Returns: the colour as 0xRRGGBB
 */
guint32
gf_chart_layout_series_color (const GfChartLayout *layout,
                              guint                series)
{
  g_return_val_if_fail (layout != NULL, 0);

  if (!layout->high_contrast && series < layout->n_series && layout->series_rgb[series] >= 0)
    return (guint32) layout->series_rgb[series];

  return gf_chart_palette_color (series, layout->high_contrast);
}

/**
 * gf_chart_layout_category_color:
 * @layout: a layout
 * @category: a category index
 * @rgb: (out): the colour as 0xRRGGBB
 *
 * The category's own colour, for donut slices and ranked bars whose spec gave one (a
 * cluster's colour, as on the map). The high-contrast style has none: its palette wins, as
 * over series colours.
 *
 * Returns: whether @category has its own colour
 */
gboolean
gf_chart_layout_category_color (const GfChartLayout *layout,
                                guint                category,
                                guint32             *rgb)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (rgb != NULL, FALSE);

  if (layout->high_contrast || layout->category_rgb == NULL
      || category >= layout->n_categories || layout->category_rgb[category] < 0)
    return FALSE;

  *rgb = (guint32) layout->category_rgb[category];
  return TRUE;
}

/**
 * gf_chart_layout_category_center:
 * @layout: a layout
 * @panel: a panel index
 * @category: a category index
 *
 * Returns: the x of the centre of @category's band in @panel (for ranked bars, the y of the
 *   centre of the row showing @category), or NaN if there is no such place
 */
double
gf_chart_layout_category_center (const GfChartLayout *layout,
                                 guint                panel,
                                 guint                category)
{
  g_return_val_if_fail (layout != NULL, NAN);

  if (panel >= layout->n_panels || category >= layout->n_categories)
    return NAN;

  if (layout->kind == GF_CHART_KIND_RANKED_BAR)
    {
      for (guint i = 0; i < layout->n_rows; i++)
        {
          if (layout->rows[i] == (int) category)
            return layout->plot.y + layout->band * (i + 0.5);
        }
      return NAN;
    }

  if (layout->kind == GF_CHART_KIND_DONUT)
    return NAN;

  return category_center (&layout->panels[panel].plot, layout->n_categories, category);
}

/**
 * gf_chart_layout_category_at:
 * @layout: a layout
 * @x: a canvas x
 * @y: a canvas y
 *
 * Finds what the pointer is over, for hover: the category (year) band under (@x, @y) in any
 * plot area, the row of a ranked bar chart, or the slice of a donut.
 *
 * Returns: the category index, or -1
 */
int
gf_chart_layout_category_at (const GfChartLayout *layout,
                             double               x,
                             double               y)
{
  g_return_val_if_fail (layout != NULL, -1);

  if (!layout->has_data || layout->n_categories == 0 || layout->n_panels == 0)
    return -1;

  switch (layout->kind)
    {
    case GF_CHART_KIND_RANKED_BAR:
      {
        const GfChartRect *plot = &layout->plot;
        int row;

        if (y < plot->y || y >= plot->y + plot->height || x < 0 || x > layout->width)
          return -1;

        row = (int) floor ((y - plot->y) / layout->band);
        if (row < 0 || (guint) row >= layout->n_rows)
          return -1;

        return layout->rows[row];
      }

    case GF_CHART_KIND_DONUT:
      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *mark = &layout->marks[i];
          double r = hypot (x - mark->x, y - mark->y);
          double a;

          if (mark->kind != GF_CHART_MARK_ARC || r < mark->inner_radius ||
              r > mark->outer_radius)
            continue;

          a = atan2 (y - mark->y, x - mark->x);
          while (a < mark->start_angle)
            a += 2 * G_PI;
          if (a <= mark->end_angle)
            return mark->category;
        }
      return -1;

    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_GROWTH_BAR:
    case GF_CHART_KIND_SPARKLINE:
    case GF_CHART_KIND_SMALL_MULTIPLES:
    default:
      for (guint p = 0; p < layout->n_panels; p++)
        {
          const GfChartRect *plot = &layout->panels[p].plot;
          int category;

          if (x < plot->x || x >= plot->x + plot->width ||
              y < plot->y || y > plot->y + plot->height)
            continue;

          category = (int) floor ((x - plot->x) / plot->width * layout->n_categories);
          return CLAMP (category, 0, (int) layout->n_categories - 1);
        }
      return -1;
    }
}

/**
 * gf_chart_text_get_corners:
 * @text: a placed text
 * @corners: (out caller-allocates) (array fixed-size=8): x, y of the four corners, clockwise
 *   from the top left of the unrotated box
 *
 * Gets the corners of the (possibly rotated) text box on the canvas.
 */
void
gf_chart_text_get_corners (const GfChartText *text,
                           double             corners[8])
{
  g_return_if_fail (text != NULL);

  corners_compute (text->x, text->y, text->angle, text->dx, text->dy, text->width,
                   text->height, corners);
}

/**
 * gf_chart_text_overlaps:
 * @a: a placed text
 * @b: another placed text
 *
 * Tells whether two text boxes overlap, taking rotation into account. Boxes that only touch
 * do not overlap.
 *
 * Returns: %TRUE if they overlap
 */
gboolean
gf_chart_text_overlaps (const GfChartText *a,
                        const GfChartText *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return texts_overlap_gap (a, b, 0.0);
}

/**
 * gf_chart_text_inside:
 * @text: a placed text
 * @width: the canvas width
 * @height: the canvas height
 *
 * Returns: %TRUE if the whole (possibly rotated) box of @text lies inside the canvas
 */
gboolean
gf_chart_text_inside (const GfChartText *text,
                      double             width,
                      double             height)
{
  double corners[8];

  g_return_val_if_fail (text != NULL, FALSE);

  gf_chart_text_get_corners (text, corners);
  for (guint i = 0; i < 4; i++)
    {
      if (corners[2 * i] < -EPS || corners[2 * i] > width + EPS ||
          corners[2 * i + 1] < -EPS || corners[2 * i + 1] > height + EPS)
        return FALSE;
    }

  return TRUE;
}

/**
 * gf_chart_spec_value:
 * @spec: a spec
 * @series: a series index
 * @category: a category index
 *
 * Returns: the value of @series at @category, or NaN when it is missing, not finite, or out
 *   of range
 */
double
gf_chart_spec_value (const GfChartSpec *spec,
                     guint              series,
                     guint              category)
{
  const GfChartSeries *s;
  double v;

  g_return_val_if_fail (spec != NULL, NAN);

  if (series >= spec->n_series || spec->series == NULL)
    return NAN;
  if (spec->n_categories > 0 && category >= spec->n_categories)
    return NAN;

  s = &spec->series[series];
  if (s->values == NULL || category >= s->n_values)
    return NAN;

  v = s->values[category];

  return isfinite (v) ? v : NAN;
}

/* A copy of one string per category (entries may be NULL), or NULL. */
static const char * const *
copy_categories (const char * const *strings,
                 guint               n_categories)
{
  char **copy;

  if (strings == NULL || n_categories == 0)
    return NULL;

  copy = g_new0 (char *, n_categories + 1);
  for (guint i = 0; i < n_categories; i++)
    copy[i] = g_strdup (strings[i]);

  return (const char * const *) copy;
}

static void
free_categories (const char * const *strings,
                 guint               n_categories)
{
  if (strings == NULL)
    return;

  for (guint i = 0; i < n_categories; i++)
    g_free ((char *) strings[i]);
  g_free ((char **) strings);
}

/**
 * gf_chart_spec_copy:
 * @spec: a spec
 *
 * Makes a deep copy of @spec that owns its strings and arrays, for a widget that has to keep
 * its spec beyond the life of the data it was built from.
 *
 * Returns: (transfer full): the copy, to free with gf_chart_spec_free()
 */
GfChartSpec *
gf_chart_spec_copy (const GfChartSpec *spec)
{
  GfChartSpec *copy;
  GfChartSeries *series;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  copy->title = g_strdup (spec->title);
  copy->subtitle = g_strdup (spec->subtitle);
  copy->source = g_strdup (spec->source);
  copy->unit = g_strdup (spec->unit);
  copy->value_label = g_strdup (spec->value_label);
  copy->no_data_message = g_strdup (spec->no_data_message);

  copy->categories = copy_categories (spec->categories, spec->n_categories);
  copy->category_colors = copy_categories (spec->category_colors, spec->n_categories);
  copy->category_notes = copy_categories (spec->category_notes, spec->n_categories);

  series = g_new0 (GfChartSeries, MAX (spec->n_series, 1));
  for (guint i = 0; i < spec->n_series; i++)
    {
      series[i].name = g_strdup (spec->series[i].name);
      series[i].color = g_strdup (spec->series[i].color);
      series[i].n_values = spec->series[i].values != NULL ? spec->series[i].n_values : 0;
      series[i].values = g_memdup2 (spec->series[i].values,
                                    series[i].n_values * sizeof (double));
    }
  copy->series = series;

  return copy;
}

/**
 * gf_chart_spec_free:
 * @spec: (nullable): a spec made by gf_chart_spec_copy()
 *
 * Frees a copied spec. Never call it on a spec whose memory is borrowed.
 */
void
gf_chart_spec_free (GfChartSpec *spec)
{
  if (spec == NULL)
    return;

  g_free ((char *) spec->title);
  g_free ((char *) spec->subtitle);
  g_free ((char *) spec->source);
  g_free ((char *) spec->unit);
  g_free ((char *) spec->value_label);
  g_free ((char *) spec->no_data_message);

  free_categories (spec->categories, spec->n_categories);
  free_categories (spec->category_colors, spec->n_categories);
  free_categories (spec->category_notes, spec->n_categories);

  for (guint i = 0; i < spec->n_series; i++)
    {
      g_free ((char *) spec->series[i].name);
      g_free ((char *) spec->series[i].color);
      g_free ((double *) spec->series[i].values);
    }
  g_free ((GfChartSeries *) spec->series);
  g_free (spec);
}

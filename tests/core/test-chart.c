/* test-chart.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart engine tests without a display: number formatting, ticks and units, layout geometry
 * over many data shapes (every text inside the canvas, no two overlapping, ticks nice and
 * covering the data, no made-up zeros), hit testing, rendering and the file exporters.
 */

#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "gf-chart-layout.h"
#include "gf-chart-render.h"
#include "gf-number-format.h"

#define N_YEARS 15

static const char *years[] = {
  "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022",
  "2023", "2024", "2025",
};

static const char *series_names_zh[] = {
  "经营性收入", "农民人均纯收入", "发包及上交收入", "投资收益", "补助收入", "其他收入",
  "土地流转面积", "劳务费支出", "电商销售额", "旅游收入", "村级集体经济总收入", "水田面积",
};

static const char *long_names[] = {
  "村级集体经济经营性收入（含发包及上交收入、投资收益）",
  "农村居民人均可支配收入（按常住人口加权平均）",
  "高峰村（含原下岙村、原上岙村，2019年行政村规模调整后合并）",
  "天路·共富菜园组团青山头村股份经济合作社",
};

/* Test data: a spec plus the memory it points to. */
typedef struct
{
  GfChartSpec    spec;
  GfChartSeries *series;
  double        *values;
  char         **categories;
  char         **names;
  const char    *label;
} Data;

static void
data_free (Data *data)
{
  g_free (data->series);
  g_free (data->values);
  g_strfreev (data->categories);
  g_strfreev (data->names);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_free)

static Data *
data_new (guint n_series,
          guint n_cat)
{
  Data *data = g_new0 (Data, 1);

  data->series = g_new0 (GfChartSeries, MAX (n_series, 1));
  data->values = g_new0 (double, MAX (n_series * n_cat, 1));
  data->categories = g_new0 (char *, n_cat + 1);
  data->names = g_new0 (char *, n_series + 1);

  for (guint c = 0; c < n_cat; c++)
    data->categories[c] = g_strdup_printf ("%u", 2011 + c);

  for (guint s = 0; s < n_series; s++)
    {
      data->names[s] = g_strdup (series_names_zh[s % G_N_ELEMENTS (series_names_zh)]);
      data->series[s].name = data->names[s];
      data->series[s].values = data->values + s * n_cat;
      data->series[s].n_values = n_cat;
      for (guint c = 0; c < n_cat; c++)
        data->values[s * n_cat + c] = (s + 1) * 120.0 * pow (1.07, c) + 15 * sin (c + s);
    }

  data->spec.kind = GF_CHART_KIND_LINE;
  data->spec.title = "村级集体经济经营性收入";
  data->spec.subtitle = "2011—2025年";
  data->spec.source = "来源：区农业农村局";
  data->spec.unit = "万元";
  data->spec.categories = (const char * const *) data->categories;
  data->spec.n_categories = n_cat;
  data->spec.series = data->series;
  data->spec.n_series = n_series;
  data->spec.no_data_message = "该指标暂无数据";
  data->spec.width = 960;
  data->spec.height = 540;

  return data;
}

static void
data_set (Data   *data,
          guint   series,
          guint   category,
          double  value)
{
  g_assert_cmpuint (series, <, data->spec.n_series);
  g_assert_cmpuint (category, <, data->spec.n_categories);
  data->values[series * data->spec.n_categories + category] = value;
}

static void
data_fill (Data   *data,
           double (*func) (guint series, guint category))
{
  for (guint s = 0; s < data->spec.n_series; s++)
    for (guint c = 0; c < data->spec.n_categories; c++)
      data_set (data, s, c, func (s, c));
}

/* Data shapes */

static double
value_nan (guint s, guint c)
{
  return NAN;
}

static double
value_negative (guint s, guint c)
{
  return -3.5 - s * 2.2 - c * 0.7;
}

static double
value_mixed (guint s, guint c)
{
  return 14.0 * sin (c * 0.9 + s) - 2.0;
}

static double
value_huge (guint s, guint c)
{
  return 3.2e12 * (s + 1) + 1.1e11 * c;
}

static double
value_tiny (guint s, guint c)
{
  return 0.0003 * (s + 1) + 0.00005 * c;
}

static double
value_constant (guint s, guint c)
{
  return 42.0;
}

static double
value_zero (guint s, guint c)
{
  return 0.0;
}

static double
value_gappy (guint s, guint c)
{
  if (c == 3 || (c + s) % 5 == 0)
    return NAN;
  return 50.0 + 10 * s + 3 * c;
}

typedef enum
{
  SHAPE_EMPTY,
  SHAPE_NO_VALUES,
  SHAPE_ALL_NAN,
  SHAPE_ONE_POINT,
  SHAPE_ONE_ZERO,
  SHAPE_NEGATIVE,
  SHAPE_MIXED,
  SHAPE_HUGE,
  SHAPE_TINY,
  SHAPE_TWELVE,
  SHAPE_LONG_NAMES,
  SHAPE_MISSING,
  SHAPE_CONSTANT,
  SHAPE_ZEROS,
  SHAPE_MANY_YEARS,
  SHAPE_NO_LABELS,
  N_SHAPES,
} Shape;

static const char *shape_names[] = {
  "empty", "no-values", "all-nan", "one-point", "one-zero", "negative", "mixed", "huge", "tiny",
  "twelve", "long-names", "missing", "constant", "zeros", "many-years", "no-labels",
};

static Data *
data_for_shape (Shape shape)
{
  Data *data;

  switch (shape)
    {
    case SHAPE_EMPTY:
      data = data_new (0, N_YEARS);
      break;

    case SHAPE_NO_VALUES:
      data = data_new (3, N_YEARS);
      for (guint s = 0; s < 3; s++)
        data->series[s].n_values = 0;
      break;

    case SHAPE_ALL_NAN:
      data = data_new (3, N_YEARS);
      data_fill (data, value_nan);
      break;

    case SHAPE_ONE_POINT:
      data = data_new (1, 1);
      data_set (data, 0, 0, 1234.5);
      break;

    case SHAPE_ONE_ZERO:
      data = data_new (1, 1);
      data_set (data, 0, 0, 0.0);
      break;

    case SHAPE_NEGATIVE:
      data = data_new (3, N_YEARS);
      data_fill (data, value_negative);
      break;

    case SHAPE_MIXED:
      data = data_new (4, N_YEARS);
      data_fill (data, value_mixed);
      break;

    case SHAPE_HUGE:
      data = data_new (3, N_YEARS);
      data->spec.unit = "元";
      data_fill (data, value_huge);
      break;

    case SHAPE_TINY:
      data = data_new (3, N_YEARS);
      data_fill (data, value_tiny);
      break;

    case SHAPE_TWELVE:
      data = data_new (12, N_YEARS);
      break;

    case SHAPE_LONG_NAMES:
      data = data_new (4, 30);
      for (guint s = 0; s < 4; s++)
        {
          g_free (data->names[s]);
          data->names[s] = g_strdup (long_names[s]);
          data->series[s].name = data->names[s];
        }
      for (guint c = 0; c < 30; c++)
        {
          g_free (data->categories[c]);
          data->categories[c] = g_strdup_printf ("%s%u", long_names[c % 4], c);
        }
      data->spec.title = "一个很长很长的标题：各组团各行政村村级集体经济经营性收入"
                         "及其构成的年度变化情况";
      break;

    case SHAPE_MISSING:
      data = data_new (3, N_YEARS);
      data_fill (data, value_gappy);
      break;

    case SHAPE_CONSTANT:
      data = data_new (2, N_YEARS);
      data_fill (data, value_constant);
      break;

    case SHAPE_ZEROS:
      data = data_new (2, N_YEARS);
      data_fill (data, value_zero);
      break;

    case SHAPE_MANY_YEARS:
      data = data_new (2, 60);
      break;

    case SHAPE_NO_LABELS:
    case N_SHAPES:
    default:
      data = data_new (2, N_YEARS);
      data->spec.categories = NULL;
      data->spec.title = NULL;
      data->spec.subtitle = NULL;
      data->spec.source = NULL;
      break;
    }

  data->label = shape_names[shape];

  return data;
}

static gboolean
spec_has_data (const GfChartSpec *spec)
{
  for (guint s = 0; s < spec->n_series; s++)
    for (guint c = 0; c < MAX (spec->n_categories, 1); c++)
      if (!isnan (gf_chart_spec_value (spec, s, c)))
        return TRUE;

  return FALSE;
}

static gboolean
is_nice_step (double step)
{
  double mantissa = step / pow (10, floor (log10 (step)));

  return fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
         fabs (mantissa - 5) < 1e-6 || fabs (mantissa - 10) < 1e-6;
}

static gboolean
is_negative_zero_label (const char *text)
{
  if (text[0] != '-')
    return FALSE;

  for (const char *p = text + 1; *p != '\0'; p++)
    {
      if (*p != '0' && *p != '.' && *p != ',' && *p != '%')
        return FALSE;
    }

  return TRUE;
}

#define CHECK(cond, ...)                                                  \
  G_STMT_START {                                                          \
    if (!(cond))                                                          \
      {                                                                   \
        g_autofree char *detail_ = g_strdup_printf (__VA_ARGS__);         \
        g_error ("%s: %s (%s)", what, detail_, #cond);                    \
      }                                                                   \
  } G_STMT_END

/* The invariants every layout must keep, whatever the data. */
static void
check_layout (const GfChartLayout *layout,
              const GfChartSpec   *spec,
              const char          *what)
{
  const GfChartAxis *axis = &layout->value_axis;
  double w = layout->width, h = layout->height;

  /* Every text inside the canvas, no two overlapping. */
  for (guint i = 0; i < layout->n_texts; i++)
    {
      const GfChartText *a = &layout->texts[i];

      CHECK (a->text != NULL && a->width > 0 && a->height > 0, "text %u is empty", i);
      CHECK (gf_chart_text_inside (a, w, h), "text %u “%s” leaves the canvas", i, a->text);
      CHECK (!is_negative_zero_label (a->text), "text “%s” is a negative zero", a->text);
      CHECK (strstr (a->text, "nan") == NULL && strstr (a->text, "inf") == NULL,
             "text “%s” shows a non-number", a->text);

      for (guint j = i + 1; j < layout->n_texts; j++)
        {
          const GfChartText *b = &layout->texts[j];

          CHECK (!gf_chart_text_overlaps (a, b), "“%s” overlaps “%s”", a->text, b->text);
        }
    }

  for (guint i = 0; i < layout->n_legend; i++)
    {
      const GfChartRect *r = &layout->legend[i].swatch;

      CHECK (r->x >= 0 && r->y >= 0 && r->x + r->width <= w && r->y + r->height <= h,
             "legend swatch %u leaves the canvas", i);
      CHECK (layout->legend[i].text >= 0 && (guint) layout->legend[i].text < layout->n_texts,
             "legend item %u has no text", i);
    }

  if (!spec_has_data (spec))
    {
      CHECK (!layout->has_data, "no data, but has_data");
      CHECK (layout->n_marks == 0, "no data, but %u marks", layout->n_marks);
      CHECK (!axis->visible || axis->n_ticks == 0, "no data, but ticks");
      return;
    }

  /* Marks inside the canvas, and never for a missing value. */
  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *m = &layout->marks[i];

      CHECK (m->rect.x >= -0.5 && m->rect.y >= -0.5 && m->rect.x + m->rect.width <= w + 0.5 &&
             m->rect.y + m->rect.height <= h + 0.5, "mark %u leaves the canvas", i);
      if (m->kind == GF_CHART_MARK_GAP)
        continue;

      CHECK (isfinite (m->value), "mark %u stands for a missing value", i);
      if (m->series >= 0 && layout->kind != GF_CHART_KIND_DONUT)
        CHECK (m->value == gf_chart_spec_value (spec, m->series, m->category),
               "mark %u has value %g, spec has %g", i, m->value,
               gf_chart_spec_value (spec, m->series, m->category));
    }

  /* Ticks: a 1-2-5 step, increasing, inside the plot, covering the data. */
  if (axis->visible && axis->n_ticks > 0)
    {
      const GfChartRect *plot = &layout->plot;
      double lo = INFINITY, hi = -INFINITY;

      CHECK (axis->n_ticks >= 2, "only %u ticks", axis->n_ticks);
      CHECK (is_nice_step (axis->step), "step %g is not 1, 2 or 5 × 10ⁿ", axis->step);
      CHECK (axis->divisor > 0, "divisor %g", axis->divisor);

      for (guint i = 0; i < axis->n_ticks; i++)
        {
          const GfChartTick *t = &axis->ticks[i];

          if (i > 0)
            CHECK (t->value > axis->ticks[i - 1].value, "ticks not increasing");
          if (axis->horizontal)
            CHECK (t->position >= plot->x - 0.01 && t->position <= plot->x + plot->width + 0.01,
                   "tick %u outside the plot", i);
          else
            CHECK (t->position >= plot->y - 0.01 && t->position <= plot->y + plot->height + 0.01,
                   "tick %u outside the plot", i);
        }

      for (guint c = 0; c < layout->n_categories; c++)
        {
          double pos = 0, neg = 0;

          for (guint s = 0; s < spec->n_series; s++)
            {
              double v = gf_chart_spec_value (spec, s, c);

              if (isnan (v))
                continue;
              if (layout->kind == GF_CHART_KIND_RANKED_BAR && s > 0)
                continue;
              if (layout->kind == GF_CHART_KIND_STACKED_BAR)
                {
                  if (v >= 0)
                    pos += v;
                  else
                    neg += v;
                  continue;
                }
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (layout->kind == GF_CHART_KIND_STACKED_BAR)
            {
              lo = MIN (lo, neg);
              hi = MAX (hi, pos);
            }
        }

      if (layout->kind == GF_CHART_KIND_RANKED_BAR && spec->top_n > 0)
        lo = MIN (lo, hi);

      lo /= axis->divisor;
      hi /= axis->divisor;
      if (layout->kind != GF_CHART_KIND_RANKED_BAR || spec->top_n == 0)
        CHECK (axis->min <= lo + fabs (lo) * 1e-9 && axis->max >= hi - fabs (hi) * 1e-9,
               "ticks %g–%g do not cover %g–%g", axis->min, axis->max, lo, hi);

      if (layout->kind != GF_CHART_KIND_LINE && layout->kind != GF_CHART_KIND_SMALL_MULTIPLES)
        CHECK (axis->min <= 0 && axis->max >= 0, "bars without a zero baseline (%g–%g)",
               axis->min, axis->max);

      /* Bars and points lie in the plot. */
      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *m = &layout->marks[i];
          const GfChartRect *p = &layout->panels[MAX (m->panel, 0)].plot;

          if (m->kind == GF_CHART_MARK_POINT)
            CHECK (m->x >= p->x - 0.01 && m->x <= p->x + p->width + 0.01 &&
                   m->y >= p->y - 0.01 && m->y <= p->y + p->height + 0.01,
                   "point %u outside its plot", i);
          else if (m->kind == GF_CHART_MARK_BAR)
            CHECK (m->rect.x >= p->x - 0.01 && m->rect.x + m->rect.width <= p->x + p->width + 0.01
                   && m->rect.y >= p->y - 0.01 &&
                   m->rect.y + m->rect.height <= p->y + p->height + 0.01,
                   "bar %u outside the plot", i);
        }
    }

  /* Hover finds the category of the centre of every band. */
  if (layout->has_data && layout->n_categories > 0 && layout->n_panels > 0 &&
      layout->kind != GF_CHART_KIND_DONUT && layout->kind != GF_CHART_KIND_RANKED_BAR &&
      layout->plot.width > 0)
    {
      for (guint c = 0; c < layout->n_categories; c++)
        {
          double x = gf_chart_layout_category_center (layout, 0, c);

          CHECK (gf_chart_layout_category_at (layout, x, layout->plot.y +
                                              layout->plot.height / 2) == (int) c,
                 "hover at category %u", c);
        }
    }
}

static guint
count_role (const GfChartLayout *layout,
            GfChartTextRole      role)
{
  guint n = 0;

  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == role)
      n++;

  return n;
}

/* The text of @role for @category, or NULL. */
static const char *
category_text (const GfChartLayout *layout,
               GfChartTextRole      role,
               int                  category)
{
  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == role && layout->texts[i].category == category)
      return layout->texts[i].text;

  return NULL;
}

static const GfChartText *
find_role (const GfChartLayout *layout,
           GfChartTextRole      role)
{
  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == role)
      return &layout->texts[i];

  return NULL;
}

/* Number formatting */

static void
test_number_grouped (void)
{
  static const struct
  {
    double      value;
    int         decimals;
    const char *expected;
  } cases[] = {
    { 12345.6, 1, "12,345.6" },
    { 12345.64, 1, "12,345.6" },
    { -1234567, 0, "-1,234,567" },
    { 999, 0, "999" },
    { 1000, 0, "1,000" },
    { 100000, 2, "100,000.00" },
    { 0, 0, "0" },
    { -0.04, 1, "0.0" },
    { -0.0, 0, "0" },
    { 0.5, 2, "0.50" },
    { -12.5, 1, "-12.5" },
    { 1234567890123.0, 0, "1,234,567,890,123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gf_number_format_grouped (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *nan_text = gf_number_format_grouped (NAN, 1);
    g_autofree char *inf_text = gf_number_format_grouped (INFINITY, 1);

    g_assert_cmpstr (nan_text, ==, "—");
    g_assert_cmpstr (inf_text, ==, "—");
  }
}

static void
test_number_percent (void)
{
  static const struct
  {
    double      value;
    int         decimals;
    const char *expected;
  } cases[] = {
    { 12.5, 1, "+12.5%" },
    { -3, 1, "-3.0%" },
    { 0, 1, "0.0%" },
    { -0.01, 1, "0.0%" },
    { 0.04, 0, "0%" },
    { 1250, 1, "+1,250.0%" },
    { 10, 0, "+10%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gf_number_format_percent_signed (cases[i].value,
                                                               cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_number_decimals (void)
{
  g_assert_cmpint (gf_number_format_decimals_for_step (1), ==, 0);
  g_assert_cmpint (gf_number_format_decimals_for_step (2), ==, 0);
  g_assert_cmpint (gf_number_format_decimals_for_step (500), ==, 0);
  g_assert_cmpint (gf_number_format_decimals_for_step (0.5), ==, 1);
  g_assert_cmpint (gf_number_format_decimals_for_step (0.1), ==, 1);
  g_assert_cmpint (gf_number_format_decimals_for_step (0.2), ==, 1);
  g_assert_cmpint (gf_number_format_decimals_for_step (0.05), ==, 2);
  g_assert_cmpint (gf_number_format_decimals_for_step (0.0001), ==, 4);

  g_assert_cmpint (gf_number_format_auto_decimals (12345), ==, 0);
  g_assert_cmpint (gf_number_format_auto_decimals (123.4), ==, 1);
  g_assert_cmpint (gf_number_format_auto_decimals (1.234), ==, 2);
  g_assert_cmpint (gf_number_format_auto_decimals (0.0123), ==, 4);
  g_assert_cmpint (gf_number_format_auto_decimals (0), ==, 0);
}

static void
test_unit_scale (void)
{
  static const struct
  {
    const char *unit;
    double      max_abs;
    const char *scaled;
    double      divisor;
  } cases[] = {
    { "元", 9999, "元", 1 },
    { "元", 10000, "万元", 1e4 },
    { "元", 35000, "万元", 1e4 },
    { "元", 99999999, "万元", 1e4 },
    { "元", 2e8, "亿元", 1e8 },
    { "元", -2e8, "亿元", 1e8 },
    { "万元", 9999.9, "万元", 1 },
    { "万元", 10000, "亿元", 1e4 },
    { "亿元", 1e6, "亿元", 1 },
    { "亩", 9500, "亩", 1 },
    { "亩", 15000, "万亩", 1e4 },
    { "人", 23000, "万人", 1e4 },
    { "元/亩", 1e6, "元/亩", 1 },
    { "个", 1e9, "个", 1 },
    { "%", 1e5, "%", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *scaled = NULL;
      double divisor = 0;
      gboolean changed;

      changed = gf_unit_scale_choose (cases[i].unit, cases[i].max_abs, &scaled, &divisor);
      g_assert_cmpstr (scaled, ==, cases[i].scaled);
      g_assert_cmpfloat (divisor, ==, cases[i].divisor);
      g_assert_true (changed == (cases[i].divisor != 1));
    }

  {
    const char *scaled = "x";
    double divisor = 0;

    g_assert_false (gf_unit_scale_choose (NULL, 1e9, &scaled, &divisor));
    g_assert_null (scaled);
    g_assert_cmpfloat (divisor, ==, 1);
    g_assert_false (gf_unit_scale_choose ("元", NAN, &scaled, &divisor));
    g_assert_cmpstr (scaled, ==, "元");
    g_assert_true (gf_unit_scale_choose ("元", 1e9, NULL, NULL));
  }
}

/* Ticks */

static void
check_ticks (double lo,
             double hi,
             guint  max_intervals)
{
  double min, max, step;
  double n;

  g_assert_true (gf_chart_nice_ticks (lo, hi, max_intervals, &min, &max, &step));
  if (!is_nice_step (step))
    g_error ("%.17g–%.17g in %u: step %.17g", lo, hi, max_intervals, step);
  g_assert_cmpfloat (min, <=, MIN (lo, hi) + step * 1e-9);
  g_assert_cmpfloat (max, >=, MAX (lo, hi) - step * 1e-9);
  n = (max - min) / step;
  g_assert_cmpfloat (fabs (n - round (n)), <, 1e-6);
  g_assert_cmpfloat (round (n), <=,
                     MAX (max_intervals, (MIN (lo, hi) < 0 && MAX (lo, hi) > 0) ? 2 : 1));
  g_assert_cmpfloat (round (n), >=, 1);
  /* Ticks fall on multiples of the step, so zero is a tick whenever it is in range. */
  g_assert_cmpfloat (fabs (min / step - round (min / step)), <, 1e-6);
}

static void
test_ticks_nice (void)
{
  double min, max, step;

  g_assert_true (gf_chart_nice_ticks (0, 97, 5, &min, &max, &step));
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 100);
  g_assert_cmpfloat (step, ==, 20);

  g_assert_true (gf_chart_nice_ticks (-11.2, 22, 8, &min, &max, &step));
  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpfloat (min, ==, -15);
  g_assert_cmpfloat (max, ==, 25);

  g_assert_true (gf_chart_nice_ticks (0, 0.00085, 5, &min, &max, &step));
  g_assert_cmpfloat_with_epsilon (step, 0.0002, 1e-12);

  /* A single value stretches to zero; zero alone gives 0–1. */
  g_assert_true (gf_chart_nice_ticks (42, 42, 5, &min, &max, &step));
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, >=, 42);
  g_assert_true (gf_chart_nice_ticks (0, 0, 5, &min, &max, &step));
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 1);
  g_assert_true (gf_chart_nice_ticks (-7, -7, 5, &min, &max, &step));
  g_assert_cmpfloat (max, ==, 0);

  g_assert_false (gf_chart_nice_ticks (NAN, 3, 5, &min, &max, &step));

  check_ticks (0.3, 0.7, 4);
  check_ticks (1e-9, 3e-9, 5);
  check_ticks (-1e12, 3e13, 10);
  check_ticks (1999, 2001, 1);

  /* Random ranges. */
  for (guint i = 0; i < 2000; i++)
    {
      double scale = pow (10, g_test_rand_double_range (-8, 12));
      double a = g_test_rand_double_range (-1, 1) * scale;
      double b = g_test_rand_double_range (-1, 1) * scale;

      check_ticks (a, b, (guint) g_test_rand_int_range (1, 11));
    }
}

/* Layouts */

static void
test_layout_shapes (void)
{
  static const double sizes[][2] = {
    { 1920, 1080 }, { 960, 540 }, { 640, 400 }, { 320, 200 }, { 160, 40 }, { 60, 30 },
  };
  guint n_layouts = 0;

  for (Shape shape = 0; shape < N_SHAPES; shape++)
    {
      for (GfChartKind kind = GF_CHART_KIND_LINE; kind <= GF_CHART_KIND_SMALL_MULTIPLES; kind++)
        {
          for (guint size = 0; size < G_N_ELEMENTS (sizes); size++)
            {
              for (guint variant = 0; variant < 3; variant++)
                {
                  g_autoptr(Data) data = data_for_shape (shape);
                  g_autoptr(GfChartLayout) layout = NULL;
                  g_autofree char *what = NULL;

                  data->spec.kind = kind;
                  data->spec.width = sizes[size][0];
                  data->spec.height = sizes[size][1];
                  data->spec.show_values = variant == 1;
                  data->spec.high_contrast = variant == 2;
                  data->spec.font_scale = variant == 2 ? 1.6 : 1.0;
                  data->spec.top_n = variant == 1 ? 5 : 0;

                  what = g_strdup_printf ("%s/kind %d/%gx%g/variant %u", data->label, kind,
                                          sizes[size][0], sizes[size][1], variant);
                  layout = gf_chart_layout_compute (&data->spec, NULL);
                  g_assert_nonnull (layout);
                  check_layout (layout, &data->spec, what);
                  n_layouts++;
                }
            }
        }
    }

  g_test_message ("%u layouts checked", n_layouts);
}

/* Random specs: kinds, sizes, fonts, values from tiny to huge with holes, names of any length.
 * Each run draws from its own seed, which a failure names: GF_CHART_SEED=<seed> replays that run
 * alone. */
static void
check_random_layout (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_series = (guint) g_rand_int_range (rand, 0, 14);
  guint n_cat = (guint) g_rand_int_range (rand, 0, 40);
  g_autoptr(Data) data = data_new (n_series, n_cat);
  g_autoptr(GfChartLayout) layout = NULL;
  g_autofree char *what = NULL;
  double scale = pow (10, g_rand_double_range (rand, -6, 13));
  double offset = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, -1, 1) * scale;

  for (guint s = 0; s < n_series; s++)
    {
      for (guint c = 0; c < n_cat; c++)
        {
          double v = offset + g_rand_double_range (rand, -0.3, 1) * scale;

          if (g_rand_int_range (rand, 0, 10) == 0)
            v = NAN;
          data_set (data, s, c, v);
        }

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          g_free (data->names[s]);
          data->names[s] = g_strdup (long_names[s % G_N_ELEMENTS (long_names)]);
          data->series[s].name = data->names[s];
        }
    }

  if (g_rand_boolean (rand))
    {
      for (guint c = 0; c < n_cat; c++)
        {
          g_free (data->categories[c]);
          const char *name = long_names[c % G_N_ELEMENTS (long_names)];

          data->categories[c] =
            g_strdup (g_utf8_offset_to_pointer (name, g_rand_int_range (rand, 0, 8)));
        }
    }

  data->spec.kind = (GfChartKind) g_rand_int_range (rand, 0, GF_CHART_KIND_SMALL_MULTIPLES + 1);
  data->spec.width = g_rand_double_range (rand, 40, 2000);
  data->spec.height = g_rand_double_range (rand, 30, 1200);
  data->spec.font_scale = g_rand_double_range (rand, 0.5, 2.5);
  data->spec.show_values = g_rand_boolean (rand);
  data->spec.high_contrast = g_rand_boolean (rand);
  data->spec.top_n = (guint) g_rand_int_range (rand, 0, 12);
  data->spec.unit = g_rand_boolean (rand) ? "元" : "亩";

  what = g_strdup_printf ("random layout GF_CHART_SEED=%" G_GUINT32_FORMAT ": kind %d, %gx%g, "
                          "font scale %g, %u×%u, scale %g", seed, data->spec.kind,
                          data->spec.width, data->spec.height, data->spec.font_scale, n_series,
                          n_cat, scale);
  layout = gf_chart_layout_compute (&data->spec, NULL);
  check_layout (layout, &data->spec, what);
}

static void
test_layout_random (void)
{
  const char *replay = g_getenv ("GF_CHART_SEED");

  if (replay != NULL)
    {
      check_random_layout ((guint32) g_ascii_strtoull (replay, NULL, 10));
      return;
    }

  for (guint run = 0; run < 400; run++)
    check_random_layout (g_test_rand_int ());
}

/* On a narrow line chart with big type the padding is thinner than a marker: the last point's
 * marker stood past the right edge (found by the random test). */
static void
test_layout_narrow_line (void)
{
  static const double widths[] = { 130, 140, 150 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(Data) data = data_new (2, 34);
      g_autoptr(GfChartLayout) layout = NULL;
      g_autofree char *what = g_strdup_printf ("narrow line, %g px", widths[i]);
      const GfChartMark *last = NULL;

      /* 12,000–1,100,000 元: ticks in 万元, narrow enough to leave room for a plot. */
      for (guint v = 0; v < 2 * 34; v++)
        data->values[v] *= 100;
      data->spec.unit = "元";
      data->spec.width = widths[i];
      data->spec.height = 650;
      data->spec.font_scale = 2;
      layout = gf_chart_layout_compute (&data->spec, NULL);
      check_layout (layout, &data->spec, what);

      /* The ring drawn round a hovered point (radius 5, stroke 2.5, in font-scale units) stays
       * on the canvas. */
      for (guint m = 0; m < layout->n_marks; m++)
        if (layout->marks[m].kind == GF_CHART_MARK_POINT)
          last = &layout->marks[m];
      g_assert_nonnull (last);
      g_assert_cmpint (last->category, ==, 33);
      g_assert_cmpfloat (last->x + 6.25 * 2, <=, layout->width);
    }
}

static void
test_layout_units (void)
{
  g_autoptr(Data) data = data_new (2, 5);
  g_autoptr(GfChartLayout) layout = NULL;
  const GfChartText *title;
  g_autofree char *value = NULL;

  /* 12,345 万元 is 1.2345 亿元: the axis says 亿元 once, the ticks are small numbers. */
  for (guint c = 0; c < 5; c++)
    {
      data_set (data, 0, c, 8000 + 1000 * c);
      data_set (data, 1, c, 3000 + 500 * c);
    }
  data->spec.kind = GF_CHART_KIND_GROUPED_BAR;
  data->spec.value_label = "收入";
  layout = gf_chart_layout_compute (&data->spec, NULL);
  check_layout (layout, &data->spec, "units");

  g_assert_cmpstr (layout->value_axis.unit, ==, "亿元");
  g_assert_cmpfloat (layout->value_axis.divisor, ==, 1e4);
  g_assert_cmpfloat (layout->value_axis.min, ==, 0);
  g_assert_cmpfloat (layout->value_axis.max, <=, 2);
  g_assert_cmpint (layout->value_axis.title_text, >=, 0);
  title = &layout->texts[layout->value_axis.title_text];
  g_assert_cmpint (title->role, ==, GF_CHART_TEXT_AXIS_TITLE);
  g_assert_cmpstr (title->text, ==, "收入（亿元）");

  value = gf_chart_layout_format_value (layout, 12345, TRUE);
  g_assert_cmpstr (value, ==, "1.23 亿元");

  /* 亩 → 万亩 */
  {
    g_autoptr(GfChartLayout) land = NULL;

    data->spec.unit = "亩";
    data->spec.value_label = NULL;
    land = gf_chart_layout_compute (&data->spec, NULL);
    g_assert_cmpstr (land->value_axis.unit, ==, "万亩");
    g_assert_cmpstr (land->texts[land->value_axis.title_text].text, ==, "万亩");
  }

  /* Small values keep their unit, and tick labels are grouped. */
  {
    g_autoptr(GfChartLayout) small = NULL;
    gboolean grouped = FALSE;

    data->spec.unit = "万元";
    data->spec.height = 900;
    for (guint c = 0; c < 5; c++)
      data_set (data, 0, c, 800 + 100 * c);
    small = gf_chart_layout_compute (&data->spec, NULL);
    g_assert_cmpstr (small->value_axis.unit, ==, "万元");
    for (guint i = 0; i < small->value_axis.n_ticks; i++)
      {
        int t = small->value_axis.ticks[i].text;

        if (t >= 0 && strchr (small->texts[t].text, ',') != NULL)
          grouped = TRUE;
      }
    g_assert_true (grouped);
  }
}

static void
test_layout_growth_labels (void)
{
  static const double growth[] = { 12.5, -3.0, 0.0, 22.0, -11.2 };
  GfChartSeries series = { "增速", growth, G_N_ELEMENTS (growth) };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  gboolean plus = FALSE, minus = FALSE;

  spec.kind = GF_CHART_KIND_GROWTH_BAR;
  spec.categories = years;
  spec.n_categories = G_N_ELEMENTS (growth);
  spec.series = &series;
  spec.n_series = 1;
  spec.show_values = TRUE;
  spec.width = 800;
  spec.height = 450;
  layout = gf_chart_layout_compute (&spec, NULL);
  check_layout (layout, &spec, "growth");

  g_assert_true (layout->value_axis.percent);
  for (guint i = 0; i < layout->n_texts; i++)
    {
      const GfChartText *t = &layout->texts[i];

      if (t->role == GF_CHART_TEXT_TICK_LABEL || t->role == GF_CHART_TEXT_VALUE_LABEL)
        {
          g_assert_true (g_str_has_suffix (t->text, "%"));
          plus |= t->text[0] == '+';
          minus |= t->text[0] == '-';
        }
      if (t->role == GF_CHART_TEXT_VALUE_LABEL && t->category == 0)
        g_assert_cmpstr (t->text, ==, "+12.5%");
      if (t->role == GF_CHART_TEXT_VALUE_LABEL && t->category == 1)
        g_assert_cmpstr (t->text, ==, "-3.0%");
      if (t->role == GF_CHART_TEXT_VALUE_LABEL && t->category == 2)
        g_assert_cmpstr (t->text, ==, "0.0%");
    }
  g_assert_true (plus);
  g_assert_true (minus);

  /* Negative bars hang below the zero line. */
  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *m = &layout->marks[i];
      double zero = layout->plot.y + layout->plot.height *
                    layout->value_axis.max / (layout->value_axis.max - layout->value_axis.min);

      if (m->value < 0)
        g_assert_cmpfloat (fabs (m->rect.y - zero), <, 0.01);
      else
        g_assert_cmpfloat (fabs (m->rect.y + m->rect.height - zero), <, 0.01);
    }
}

static void
test_layout_no_data (void)
{
  for (GfChartKind kind = GF_CHART_KIND_LINE; kind <= GF_CHART_KIND_SMALL_MULTIPLES; kind++)
    {
      g_autoptr(Data) data = data_for_shape (SHAPE_ALL_NAN);
      g_autoptr(GfChartLayout) layout = NULL;
      const GfChartText *message;
      double cx, cy;

      data->spec.kind = kind;
      if (kind == GF_CHART_KIND_SPARKLINE)
        {
          data->spec.width = 300;
          data->spec.height = 60;
        }
      layout = gf_chart_layout_compute (&data->spec, NULL);
      check_layout (layout, &data->spec, "no data");

      g_assert_false (layout->has_data);
      g_assert_cmpuint (layout->n_marks, ==, 0);
      g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_TICK_LABEL), ==, 0);
      g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_VALUE_LABEL), ==, 0);
      g_assert_cmpint (layout->message_text, >=, 0);

      /* The caller's sentence, in the middle of the canvas. */
      message = &layout->texts[layout->message_text];
      g_assert_cmpint (message->role, ==, GF_CHART_TEXT_MESSAGE);
      g_assert_cmpstr (message->text, ==, "该指标暂无数据");
      cx = message->rect.x + message->rect.width / 2;
      cy = message->rect.y + message->rect.height / 2;
      g_assert_cmpfloat (fabs (cx - layout->width / 2), <, 1);
      g_assert_cmpfloat (cy, >, layout->height * 0.3);
      g_assert_cmpfloat (cy, <, layout->height * 0.7);
      g_assert_cmpint (gf_chart_layout_category_at (layout, cx, cy), ==, -1);
    }

  /* Without a message the engine writes nothing of its own. */
  {
    g_autoptr(Data) data = data_for_shape (SHAPE_EMPTY);
    g_autoptr(GfChartLayout) layout = NULL;

    data->spec.no_data_message = NULL;
    layout = gf_chart_layout_compute (&data->spec, NULL);
    g_assert_cmpint (layout->message_text, ==, -1);
    g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_MESSAGE), ==, 0);
    g_assert_nonnull (find_role (layout, GF_CHART_TEXT_TITLE));
  }
}

static void
test_layout_nan_breaks_line (void)
{
  static const double values[] = { 10, NAN, 30, 40, INFINITY, 60 };
  GfChartSeries series = { "经营性收入", values, G_N_ELEMENTS (values) };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  gboolean seen[G_N_ELEMENTS (values)] = { FALSE, };

  spec.kind = GF_CHART_KIND_LINE;
  spec.categories = years;
  spec.n_categories = G_N_ELEMENTS (values);
  spec.series = &series;
  spec.n_series = 1;
  spec.show_values = TRUE;
  spec.width = 640;
  spec.height = 400;
  layout = gf_chart_layout_compute (&spec, NULL);
  check_layout (layout, &spec, "nan line");

  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *m = &layout->marks[i];

      if (m->kind != GF_CHART_MARK_POINT)
        continue;

      seen[m->category] = TRUE;
      switch (m->category)
        {
        case 0:
        case 2:
        case 5:
          g_assert_false (m->connect_previous);
          break;
        case 3:
          g_assert_true (m->connect_previous);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_true (seen[0] && seen[2] && seen[3] && seen[5]);
  g_assert_false (seen[1] || seen[4]);

  /* No value label for the missing points, and no zero anywhere. */
  for (guint i = 0; i < layout->n_texts; i++)
    {
      const GfChartText *t = &layout->texts[i];

      if (t->role == GF_CHART_TEXT_VALUE_LABEL)
        {
          g_assert_true (t->category != 1 && t->category != 4);
          g_assert_cmpstr (t->text, !=, "0");
        }
    }
}

static void
test_layout_missing_not_zero (void)
{
  for (GfChartKind kind = GF_CHART_KIND_GROUPED_BAR; kind <= GF_CHART_KIND_GROWTH_BAR; kind++)
    {
      g_autoptr(Data) data = data_new (2, 6);
      g_autoptr(GfChartLayout) layout = NULL;
      guint gaps = 0;

      data->spec.kind = kind;
      data->spec.show_values = TRUE;
      data_set (data, 0, 2, NAN);
      data_set (data, 0, 4, NAN);
      data_set (data, 1, 4, NAN);
      data_set (data, 1, 5, 0.0);
      layout = gf_chart_layout_compute (&data->spec, NULL);
      check_layout (layout, &data->spec, "missing bars");

      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *m = &layout->marks[i];

          if (m->kind == GF_CHART_MARK_GAP)
            {
              g_assert_cmpint (m->category, ==, 4);
              gaps++;
              continue;
            }
          g_assert_false (m->category == 4);
          g_assert_false (m->series == 0 && m->category == 2);
        }
      g_assert_cmpuint (gaps, ==, 1);

      /* A real zero is a mark; a missing value is not. */
      {
        gboolean zero_bar = FALSE;

        for (guint i = 0; i < layout->n_marks; i++)
          if (layout->marks[i].series == 1 && layout->marks[i].category == 5)
            zero_bar = TRUE;
        g_assert_true (zero_bar);
      }
    }
}

static void
test_layout_end_labels (void)
{
  g_autoptr(Data) data = data_new (12, N_YEARS);
  g_autoptr(GfChartLayout) layout = NULL;
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (double));
  double height = 0;

  /* Series that end close together must still be spread a full line apart. */
  for (guint s = 0; s < 12; s++)
    data_set (data, s, N_YEARS - 1, 1000 + s * 3);

  data->spec.width = 1920;
  data->spec.height = 1080;
  layout = gf_chart_layout_compute (&data->spec, NULL);
  check_layout (layout, &data->spec, "end labels");

  g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_END_LABEL), ==, 12);
  g_assert_cmpuint (layout->n_legend, ==, 0);
  g_assert_cmpuint (layout->n_leaders, ==, 12);

  for (guint i = 0; i < layout->n_texts; i++)
    {
      const GfChartText *t = &layout->texts[i];
      double cy = t->rect.y + t->rect.height / 2;

      if (t->role != GF_CHART_TEXT_END_LABEL)
        continue;

      g_assert_cmpfloat (t->rect.x, >=, layout->plot.x + layout->plot.width);
      g_array_append_val (centres, cy);
      height = MAX (height, t->height);
    }

  for (guint i = 0; i < centres->len; i++)
    for (guint j = i + 1; j < centres->len; j++)
      g_assert_cmpfloat (fabs (g_array_index (centres, double, i) -
                               g_array_index (centres, double, j)), >=, height - 1e-6);

  /* In a small chart twelve names do not fit at the line ends: a legend replaces them. */
  {
    g_autoptr(GfChartLayout) small = NULL;

    data->spec.width = 480;
    data->spec.height = 260;
    small = gf_chart_layout_compute (&data->spec, NULL);
    check_layout (small, &data->spec, "end labels small");
    g_assert_cmpuint (count_role (small, GF_CHART_TEXT_END_LABEL), ==, 0);
    g_assert_cmpuint (small->n_legend, >, 0);
  }
}

static gboolean
category_label_present (const GfChartLayout *layout,
                        int                  category)
{
  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == GF_CHART_TEXT_CATEGORY_LABEL &&
        layout->texts[i].category == category)
      return TRUE;

  return FALSE;
}

static void
test_layout_category_labels (void)
{
  /* Thirty long Chinese names under a small bar chart: rotated and/or thinned, the first and
   * the last always shown. */
  {
    g_autoptr(Data) data = data_for_shape (SHAPE_LONG_NAMES);
    g_autoptr(GfChartLayout) layout = NULL;
    gboolean rotated = FALSE;
    guint n;

    data->spec.kind = GF_CHART_KIND_GROUPED_BAR;
    data->spec.width = 640;
    data->spec.height = 400;
    layout = gf_chart_layout_compute (&data->spec, NULL);
    check_layout (layout, &data->spec, "long names");

    n = count_role (layout, GF_CHART_TEXT_CATEGORY_LABEL);
    g_assert_cmpuint (n, >=, 2);
    g_assert_true (category_label_present (layout, 0));
    g_assert_true (category_label_present (layout, 29));
    for (guint i = 0; i < layout->n_texts; i++)
      if (layout->texts[i].role == GF_CHART_TEXT_CATEGORY_LABEL)
        rotated |= layout->texts[i].angle != 0.0;
    g_assert_true (rotated || n < 30);
  }

  /* Sixty years in a narrow chart: kept flat, thinned, first and last shown. */
  {
    g_autoptr(Data) data = data_for_shape (SHAPE_MANY_YEARS);
    g_autoptr(GfChartLayout) layout = NULL;
    guint n;

    data->spec.width = 400;
    data->spec.height = 300;
    layout = gf_chart_layout_compute (&data->spec, NULL);
    check_layout (layout, &data->spec, "many years");

    n = count_role (layout, GF_CHART_TEXT_CATEGORY_LABEL);
    g_assert_cmpuint (n, >=, 2);
    g_assert_cmpuint (n, <, 60);
    g_assert_true (category_label_present (layout, 0));
    g_assert_true (category_label_present (layout, 59));
    for (guint i = 0; i < layout->n_texts; i++)
      if (layout->texts[i].role == GF_CHART_TEXT_CATEGORY_LABEL)
        g_assert_cmpfloat (layout->texts[i].angle, ==, 0.0);
  }

  /* Fifteen years in a wide chart: all of them, flat. */
  {
    g_autoptr(Data) data = data_new (3, N_YEARS);
    g_autoptr(GfChartLayout) layout = NULL;

    data->spec.width = 1920;
    data->spec.height = 1080;
    layout = gf_chart_layout_compute (&data->spec, NULL);
    g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_CATEGORY_LABEL), ==, N_YEARS);
  }
}

static void
test_layout_hit_test (void)
{
  g_autoptr(Data) data = data_new (3, N_YEARS);
  g_autoptr(GfChartLayout) layout = NULL;
  const GfChartRect *plot;

  layout = gf_chart_layout_compute (&data->spec, NULL);
  plot = &layout->plot;

  g_assert_cmpint (gf_chart_layout_category_at (layout, plot->x + 1, plot->y + 5), ==, 0);
  g_assert_cmpint (gf_chart_layout_category_at (layout, plot->x + plot->width - 1, plot->y + 5),
                   ==, N_YEARS - 1);
  g_assert_cmpint (gf_chart_layout_category_at (layout, plot->x - 5, plot->y + 5), ==, -1);
  g_assert_cmpint (gf_chart_layout_category_at (layout, plot->x + 5, plot->y - 5), ==, -1);
  g_assert_cmpint (gf_chart_layout_category_at (layout, -100, -100), ==, -1);

  /* Ranked bars: rows, largest first. */
  {
    g_autoptr(GfChartLayout) ranked = NULL;

    data->spec.kind = GF_CHART_KIND_RANKED_BAR;
    data->spec.n_categories = 5;
    for (guint c = 0; c < 5; c++)
      data_set (data, 0, c, (double) ((c * 7) % 5));
    ranked = gf_chart_layout_compute (&data->spec, NULL);
    for (guint r = 0; r < ranked->n_rows; r++)
      {
        double y = ranked->plot.y + ranked->band * (r + 0.5);

        g_assert_cmpint (gf_chart_layout_category_at (ranked, ranked->plot.x + 2, y), ==,
                         ranked->rows[r]);
      }
  }

  /* Donut: the middle of each slice. */
  {
    g_autoptr(GfChartLayout) donut = NULL;

    data->spec.kind = GF_CHART_KIND_DONUT;
    donut = gf_chart_layout_compute (&data->spec, NULL);
    for (guint i = 0; i < donut->n_marks; i++)
      {
        const GfChartMark *m = &donut->marks[i];
        double a = (m->start_angle + m->end_angle) / 2;
        double r = (m->inner_radius + m->outer_radius) / 2;

        g_assert_cmpint (gf_chart_layout_category_at (donut, m->x + r * cos (a),
                                                      m->y + r * sin (a)), ==, m->category);
      }
    g_assert_cmpint (gf_chart_layout_category_at (donut, donut->marks[0].x,
                                                  donut->marks[0].y), ==, -1);
  }
}

static void
test_layout_ranked (void)
{
  static const double values[] = { 30, NAN, 120, 75, -10, 75, 5 };
  static const char *names[] = { "上溪村", "白沙村", "青山头村", "龙门坎村", "横塘村", "里湾村",
                                 "石门村" };
  GfChartSeries series = { "收入", values, G_N_ELEMENTS (values) };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  static const int expected[] = { 2, 3, 5, 0, 6, 4 };

  spec.kind = GF_CHART_KIND_RANKED_BAR;
  spec.categories = names;
  spec.n_categories = G_N_ELEMENTS (names);
  spec.series = &series;
  spec.n_series = 1;
  spec.unit = "万元";
  spec.width = 640;
  spec.height = 400;
  layout = gf_chart_layout_compute (&spec, NULL);
  check_layout (layout, &spec, "ranked");

  /* Sorted, the missing village left out (not ranked as zero). */
  g_assert_cmpuint (layout->n_rows, ==, G_N_ELEMENTS (expected));
  for (guint r = 0; r < layout->n_rows; r++)
    g_assert_cmpint (layout->rows[r], ==, expected[r]);
  g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_RANK), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_VALUE_LABEL), ==, G_N_ELEMENTS (expected));

  /* The two villages at 75 share the second place; the next is 4th. */
  g_assert_cmpstr (category_text (layout, GF_CHART_TEXT_RANK, 2), ==, "1");
  g_assert_cmpstr (category_text (layout, GF_CHART_TEXT_RANK, 3), ==, "2");
  g_assert_cmpstr (category_text (layout, GF_CHART_TEXT_RANK, 5), ==, "2");
  g_assert_cmpstr (category_text (layout, GF_CHART_TEXT_RANK, 0), ==, "4");
  g_assert_cmpstr (category_text (layout, GF_CHART_TEXT_RANK, 4), ==, "6");

  /* Notes (a leaderboard's rank changes) follow the values; a copied spec keeps them. */
  {
    static const char *notes[] = { "▲2", NULL, "—", "", "▼1", "新", NULL };
    g_autoptr(GfChartLayout) noted = NULL;
    g_autoptr(GfChartSpec) copy = NULL;

    spec.category_notes = notes;
    copy = gf_chart_spec_copy (&spec);
    spec.category_notes = NULL;
    noted = gf_chart_layout_compute (copy, NULL);
    check_layout (noted, copy, "ranked with notes");
    g_assert_cmpstr (category_text (noted, GF_CHART_TEXT_VALUE_LABEL, 0), ==, "30  ▲2");
    g_assert_cmpstr (category_text (noted, GF_CHART_TEXT_VALUE_LABEL, 2), ==, "120  —");
    g_assert_cmpstr (category_text (noted, GF_CHART_TEXT_VALUE_LABEL, 3), ==, "75");
    g_assert_cmpstr (category_text (noted, GF_CHART_TEXT_VALUE_LABEL, 5), ==, "75  新");
    g_assert_cmpstr (category_text (noted, GF_CHART_TEXT_VALUE_LABEL, 6), ==, "5");
  }

  /* TOP-3 */
  {
    g_autoptr(GfChartLayout) top = NULL;

    spec.top_n = 3;
    top = gf_chart_layout_compute (&spec, NULL);
    g_assert_cmpuint (top->n_rows, ==, 3);
    g_assert_cmpint (top->rows[0], ==, 2);
  }
}

static void
test_layout_donut (void)
{
  static const double values[] = { 50, 30, NAN, -5, 20, 0 };
  static const char *names[] = { "水田", "旱地", "林地", "园地", "设施农用地", "其他" };
  GfChartSeries series = { "面积", values, G_N_ELEMENTS (values) };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  double sweep = 0;

  spec.kind = GF_CHART_KIND_DONUT;
  spec.categories = names;
  spec.n_categories = G_N_ELEMENTS (names);
  spec.series = &series;
  spec.n_series = 1;
  spec.unit = "亩";
  spec.width = 640;
  spec.height = 400;
  layout = gf_chart_layout_compute (&spec, NULL);
  check_layout (layout, &spec, "donut");

  g_assert_cmpuint (layout->n_marks, ==, 3);
  for (guint i = 0; i < layout->n_marks; i++)
    {
      const GfChartMark *m = &layout->marks[i];

      g_assert_cmpint (m->kind, ==, GF_CHART_MARK_ARC);
      g_assert_cmpfloat (m->value, >, 0);
      sweep += m->end_angle - m->start_angle;
    }
  g_assert_cmpfloat_with_epsilon (sweep, 2 * G_PI, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->marks[0].end_angle - layout->marks[0].start_angle,
                                  G_PI, 1e-9);

  /* Labels carry the share. */
  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == GF_CHART_TEXT_END_LABEL && layout->texts[i].category == 0)
      g_assert_cmpstr (layout->texts[i].text, ==, "水田 50.0%");
}

static void
test_layout_stacked (void)
{
  g_autoptr(Data) data = data_new (3, 4);
  g_autoptr(GfChartLayout) layout = NULL;

  data->spec.kind = GF_CHART_KIND_STACKED_BAR;
  data->spec.unit = "亩";
  data_set (data, 1, 2, -40);
  layout = gf_chart_layout_compute (&data->spec, NULL);
  check_layout (layout, &data->spec, "stacked");

  /* The positive segments of a category sit on one another. */
  for (guint c = 0; c < 4; c++)
    {
      double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, sum = 0;

      for (guint i = 0; i < layout->n_marks; i++)
        {
          const GfChartMark *m = &layout->marks[i];

          if (m->kind != GF_CHART_MARK_BAR || m->category != (int) c || m->value < 0)
            continue;
          top = MIN (top, m->rect.y);
          bottom = MAX (bottom, m->rect.y + m->rect.height);
          sum += m->rect.height;
        }
      g_assert_cmpfloat_with_epsilon (bottom - top, sum, 1e-6);
    }
  g_assert_cmpfloat (layout->value_axis.min, <, 0);
}

static void
test_layout_small_multiples (void)
{
  g_autoptr(Data) data = data_new (6, N_YEARS);
  g_autoptr(GfChartLayout) layout = NULL;

  data->spec.kind = GF_CHART_KIND_SMALL_MULTIPLES;
  for (guint c = 0; c < N_YEARS; c++)
    data_set (data, 5, c, NAN);
  layout = gf_chart_layout_compute (&data->spec, NULL);
  check_layout (layout, &data->spec, "multiples");

  g_assert_cmpuint (layout->n_panels, ==, 6);
  g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_PANEL_TITLE), ==, 6);
  /* The panel without data says so; the shared scale does not make it a zero line. */
  g_assert_cmpuint (count_role (layout, GF_CHART_TEXT_MESSAGE), ==, 1);
  for (guint i = 0; i < layout->n_marks; i++)
    g_assert_cmpint (layout->marks[i].panel, !=, 5);

  /* Panels share one size and do not overlap. */
  for (guint p = 1; p < layout->n_panels; p++)
    {
      g_assert_cmpfloat_with_epsilon (layout->panels[p].plot.width,
                                      layout->panels[0].plot.width, 1e-9);
      g_assert_cmpfloat_with_epsilon (layout->panels[p].plot.height,
                                      layout->panels[0].plot.height, 1e-9);
    }
}

static void
test_layout_spec_copy (void)
{
  g_autoptr(Data) data = data_new (3, N_YEARS);
  g_autoptr(GfChartSpec) copy = gf_chart_spec_copy (&data->spec);
  g_autoptr(GfChartLayout) a = NULL;
  g_autoptr(GfChartLayout) b = NULL;

  g_assert_cmpstr (copy->title, ==, data->spec.title);
  g_assert_true (copy->title != data->spec.title);
  g_assert_cmpfloat (gf_chart_spec_value (copy, 2, 7), ==, gf_chart_spec_value (&data->spec, 2, 7));

  a = gf_chart_layout_compute (&data->spec, NULL);
  data_set (data, 0, 0, 1e6);
  b = gf_chart_layout_compute (copy, NULL);
  g_assert_cmpuint (a->n_texts, ==, b->n_texts);
  g_assert_cmpfloat (a->value_axis.max, ==, b->value_axis.max);
}

/* Palette */

static double
channel_linear (guint32 c)
{
  double v = c / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
contrast_on_white (guint32 rgb)
{
  double l = 0.2126 * channel_linear ((rgb >> 16) & 0xff) +
             0.7152 * channel_linear ((rgb >> 8) & 0xff) +
             0.0722 * channel_linear (rgb & 0xff);

  return 1.05 / (l + 0.05);
}

static void
test_palette (void)
{
  guint n = gf_chart_palette_size ();

  g_assert_cmpuint (n, ==, 12);
  for (guint i = 0; i < n; i++)
    {
      guint m = 0;

      g_assert_cmpfloat (contrast_on_white (gf_chart_palette_color (i, FALSE)), >=, 3.0);
      g_assert_cmpfloat (contrast_on_white (gf_chart_palette_color (i, TRUE)), >=, 4.5);

      for (guint j = i + 1; j < n; j++)
        {
          g_assert_cmphex (gf_chart_palette_color (i, FALSE), !=,
                           gf_chart_palette_color (j, FALSE));
          /* The second cue: no two of the twelve lines share both dash and marker. */
          g_assert_false (gf_chart_series_marker (i) == gf_chart_series_marker (j) &&
                          gf_chart_series_dashes (i, &m) == gf_chart_series_dashes (j, &m));
        }
    }
}

/* Rendering and export */

static void
test_render_ink_inside (void)
{
  for (GfChartKind kind = GF_CHART_KIND_LINE; kind <= GF_CHART_KIND_SMALL_MULTIPLES; kind++)
    {
      g_autoptr(Data) data = data_for_shape (SHAPE_TWELVE);
      g_autoptr(GfChartLayout) layout = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      double x, y, w, h;

      data->spec.kind = kind;
      data->spec.show_values = TRUE;
      layout = gf_chart_layout_compute (&data->spec, NULL);

      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      gf_chart_render (layout, &data->spec, cr);
      gf_chart_render_highlight (layout, &data->spec, cr, 3);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);

      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      g_assert_cmpfloat (w, >, 0);
      g_assert_cmpfloat (x, >=, -0.5);
      g_assert_cmpfloat (y, >=, -0.5);
      g_assert_cmpfloat (x + w, <=, data->spec.width + 0.5);
      g_assert_cmpfloat (y + h, <=, data->spec.height + 0.5);
      cairo_surface_destroy (surface);
    }
}

static guint
count_ink_pixels (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (data + y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] & 0xffffff) != 0xffffff)
          n++;
    }

  return n;
}

static void
test_render_highlight_draws (void)
{
  g_autoptr(Data) data = data_new (3, N_YEARS);
  g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (&data->spec, NULL);
  cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 960, 540);
  cairo_surface_t *hover = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 960, 540);
  cairo_t *cr;

  cr = cairo_create (plain);
  gf_chart_render (layout, &data->spec, cr);
  gf_chart_render_highlight (layout, &data->spec, cr, -1);
  cairo_destroy (cr);

  cr = cairo_create (hover);
  gf_chart_render (layout, &data->spec, cr);
  gf_chart_render_highlight (layout, &data->spec, cr, 5);
  cairo_destroy (cr);

  g_assert_cmpuint (count_ink_pixels (plain), >, 1000);
  g_assert_cmpuint (count_ink_pixels (hover), >, count_ink_pixels (plain));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (hover);
}

static gboolean
font_map_has_family (PangoFontMap *map,
                     const char   *name)
{
  PangoFontFamily **families = NULL;
  int n = 0;
  gboolean found = FALSE;

  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_ascii_strcasecmp (pango_font_family_get_name (families[i]), name) == 0;
  g_free (families);

  return found;
}

/* Under a C locale, Han characters would take Japanese shapes unless the language is zh-cn. */
static void
test_render_simplified_glyphs (void)
{
  g_autoptr(Data) data = data_new (3, N_YEARS);
  g_autoptr(GfChartLayout) layout = NULL;
  const GfChartText *title;
  PangoLayoutLine *line;

  if (!font_map_has_family (pango_cairo_font_map_get_default (), "Noto Sans CJK SC"))
    {
      g_test_skip ("Noto Sans CJK SC is not installed");
      return;
    }

  layout = gf_chart_layout_compute (&data->spec, NULL);
  g_assert_cmpstr (pango_language_to_string (pango_context_get_language (layout->context)), ==,
                   "zh-cn");

  title = find_role (layout, GF_CHART_TEXT_TITLE);
  g_assert_nonnull (title);
  g_assert_true (pango_context_get_language (pango_layout_get_context (title->layout)) ==
                 pango_language_from_string ("zh-cn"));

  line = pango_layout_get_line_readonly (title->layout, 0);
  g_assert_nonnull (line);
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      g_autoptr(PangoFontDescription) desc = pango_font_describe (run->item->analysis.font);

      g_assert_cmpstr (pango_font_description_get_family (desc), ==, "Noto Sans CJK SC");
    }
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gf-chart-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_temp (const char *dir,
             const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_unlink (path);
}

/* Like strstr, for files with NUL bytes (compressed PDF streams). */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    {
      if (memcmp (haystack + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_export_png (void)
{
  g_autoptr(Data) data = data_new (12, N_YEARS);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gsize length = 0;
  const guchar *phys = NULL;
  guint ink;

  /* 10 × 5.625 in at 300 dpi. */
  data->spec.width = 720;
  data->spec.height = 405;
  g_assert_true (gf_chart_export_png (&data->spec, path, 300, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 3000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1688);
  ink = count_ink_pixels (image);
  g_assert_cmpuint (ink, >, 3000 * 1688 / 100);
  g_assert_cmpuint (ink, <, 3000 * 1688 / 2);
  cairo_surface_destroy (image);

  /* The pHYs chunk: 11,811 pixels per metre both ways, unit 1 (metre). */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + 13 <= length; i++)
    {
      if (memcmp (contents + i, "pHYs", 4) == 0)
        {
          phys = (const guchar *) contents + i + 4;
          break;
        }
    }
  g_assert_nonnull (phys);
  g_assert_cmpuint (read_be32 (phys), ==, 11811);
  g_assert_cmpuint (read_be32 (phys + 4), ==, 11811);
  g_assert_cmpuint (phys[8], ==, 1);

  remove_temp (dir, "chart.png");
  g_rmdir (dir);
}

static void
test_export_svg_pdf (void)
{
  g_autoptr(Data) data = data_new (12, N_YEARS);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (gf_chart_export_svg (&data->spec, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (contains_bytes (contents, length, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (gf_chart_export_pdf (&data->spec, pdf, "Chart export test", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_true (contains_bytes (contents, length, "/Title (Chart export test)"));

  remove_temp (dir, "chart.svg");
  remove_temp (dir, "chart.pdf");
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autoptr(Data) data = data_new (2, N_YEARS);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "chart", NULL);
  g_autofree char *ok_path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gf_chart_export_png (&data->spec, path, 300, &error));
  g_assert_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (gf_chart_export_svg (&data->spec, path, &error));
  g_assert_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (gf_chart_export_pdf (&data->spec, path, NULL, &error));
  g_assert_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (gf_chart_export_png (&data->spec, ok_path, 1e6, &error));
  g_assert_error (error, GF_CHART_ERROR, GF_CHART_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (ok_path, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

/* Formats by name and by file name; a file of each written whole, the PDF titled. */
static void
test_export_write_file (void)
{
  static const struct
  {
    const char    *path;
    gboolean       known;
    GfChartFormat  format;
  } paths[] = {
    { "chart.png", TRUE, GF_CHART_FORMAT_PNG },
    { "图表.SVG", TRUE, GF_CHART_FORMAT_SVG },
    { "/tmp/a.b/handout.Pdf", TRUE, GF_CHART_FORMAT_PDF },
    { "chart.jpeg", FALSE },
    { "chart", FALSE },
    { "/tmp/a.png/chart", FALSE },
  };
  g_autoptr(Data) data = data_new (2, N_YEARS);
  g_autofree char *dir = make_temp_dir ();
  GfChartFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      format = GF_CHART_FORMAT_PNG;
      g_assert_cmpint (gf_chart_format_from_path (paths[i].path, &format), ==, paths[i].known);
      if (paths[i].known)
        g_assert_cmpint (format, ==, paths[i].format);
    }
  g_assert_false (gf_chart_format_from_string ("PNG", &format));
  g_assert_true (gf_chart_format_from_string ("svg", &format));
  g_assert_cmpstr (gf_chart_format_get_extension (format), ==, "svg");

  for (format = GF_CHART_FORMAT_PNG; format <= GF_CHART_FORMAT_PDF; format++)
    {
      g_autofree char *name = g_strconcat ("chart.", gf_chart_format_get_extension (format),
                                           NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_assert_true (gf_chart_write_file (&data->spec, format, 96, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (format == GF_CHART_FORMAT_PNG)
        g_assert_cmpmem (contents, 4, "\x89PNG", 4);
      else if (format == GF_CHART_FORMAT_SVG)
        g_assert_true (contains_bytes (contents, length, "<svg"));
      else
        g_assert_true (contains_bytes (contents, length, "/Title"));
      remove_temp (dir, name);
    }

  g_rmdir (dir);
}

/* A cluster keeps its map colour in every chart, except in high contrast. */
static void
test_series_colors (void)
{
  static const double values[] = { 1, 2, 3 };
  static const char * const three_years[] = { "2023", "2024", "2025" };
  GfChartSeries series[] = {
    { "源头共富", values, 3, "#D55E00" },
    { "粮仓", values, 3, NULL },
    { "云上", values, 3, "not a colour" },
  };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) layout = NULL;
  g_autoptr(GfChartLayout) contrast = NULL;

  spec.kind = GF_CHART_KIND_LINE;
  spec.categories = three_years;
  spec.n_categories = 3;
  spec.series = series;
  spec.n_series = 3;
  spec.width = 640;
  spec.height = 360;

  layout = gf_chart_layout_compute (&spec, NULL);
  g_assert_cmphex (gf_chart_layout_series_color (layout, 0), ==, 0xD55E00);
  g_assert_cmphex (gf_chart_layout_series_color (layout, 1), ==, gf_chart_palette_color (1, FALSE));
  g_assert_cmphex (gf_chart_layout_series_color (layout, 2), ==, gf_chart_palette_color (2, FALSE));

  spec.high_contrast = TRUE;
  contrast = gf_chart_layout_compute (&spec, NULL);
  g_assert_cmphex (gf_chart_layout_series_color (contrast, 0), ==,
                   gf_chart_palette_color (0, TRUE));
}

/* Per-capita incomes are quoted in 元 ("45,200 元"), not scaled to 万元. */
static void
test_layout_keep_unit (void)
{
  static const double town_a[] = { 38000, 41500, 45200 };
  static const double town_b[] = { 36100, 39800, 52000 };
  static const char * const three_years[] = { "2023", "2024", "2025" };
  GfChartSeries series[] = {
    { "源头共富", town_a, 3, NULL },
    { "粮仓", town_b, 3, NULL },
  };
  GfChartSpec spec = { 0 };
  g_autoptr(GfChartLayout) kept = NULL;
  g_autoptr(GfChartLayout) scaled = NULL;
  g_autofree char *value = NULL;
  g_autofree char *scaled_value = NULL;
  gboolean has_50k = FALSE, has_value = FALSE;

  spec.kind = GF_CHART_KIND_GROUPED_BAR;
  spec.categories = three_years;
  spec.n_categories = 3;
  spec.series = series;
  spec.n_series = 2;
  spec.unit = "元";
  spec.value_label = "收入";
  spec.show_values = TRUE;
  spec.width = 960;
  spec.height = 540;

  /* Scaled (the default): 52,000 元 is 5.2 万元. */
  scaled = gf_chart_layout_compute (&spec, NULL);
  g_assert_cmpstr (scaled->value_axis.unit, ==, "万元");
  scaled_value = gf_chart_layout_format_value (scaled, 45200, TRUE);
  g_assert_cmpstr (scaled_value, ==, "4.52 万元");

  spec.keep_unit = TRUE;
  kept = gf_chart_layout_compute (&spec, NULL);
  check_layout (kept, &spec, "keep-unit");
  g_assert_cmpstr (kept->value_axis.unit, ==, "元");
  g_assert_cmpfloat (kept->value_axis.divisor, ==, 1);
  g_assert_cmpstr (kept->texts[kept->value_axis.title_text].text, ==, "收入（元）");
  /* Bars start at zero and reach 52,000: the ticks are round ten thousands, grouped. */
  g_assert_cmpfloat (kept->value_axis.min, ==, 0);
  g_assert_cmpfloat (kept->value_axis.max, >=, 52000);
  for (guint i = 0; i < kept->value_axis.n_ticks; i++)
    {
      int t = kept->value_axis.ticks[i].text;

      if (t < 0)
        continue;
      g_assert_null (strstr (kept->texts[t].text, "万"));
      if (g_str_equal (kept->texts[t].text, "50,000"))
        has_50k = TRUE;
    }
  g_assert_true (has_50k);

  value = gf_chart_layout_format_value (kept, 45200, TRUE);
  g_assert_cmpstr (value, ==, "45,200 元");
  for (guint i = 0; i < kept->n_texts; i++)
    if (kept->texts[i].role == GF_CHART_TEXT_VALUE_LABEL
        && g_str_equal (kept->texts[i].text, "45,200"))
      has_value = TRUE;
  g_assert_true (has_value);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return ((const guint32 *) (const void *) (data + (int) y * stride))[(int) x] & 0xffffff;
}

static guint32
render_pixel (const GfChartLayout *layout,
              const GfChartSpec   *spec,
              double               x,
              double               y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) spec->width,
                                                         (int) spec->height);
  cairo_t *cr = cairo_create (surface);
  guint32 rgb;

  gf_chart_render (layout, spec, cr);
  cairo_destroy (cr);
  rgb = pixel_at (surface, x, y);
  cairo_surface_destroy (surface);

  return rgb;
}

static const GfChartMark *
find_mark (const GfChartLayout *layout,
           int                  category)
{
  for (guint i = 0; i < layout->n_marks; i++)
    if (layout->marks[i].category == category)
      return &layout->marks[i];

  return NULL;
}

/* Ranked bars and donut slices of clusters take the clusters' colours, as on the map; a
 * category without one, or the high-contrast style, takes the palette's. */
static void
test_category_colors (void)
{
  static const double values[] = { 120, 80, 60 };
  static const char *names[] = { "源头共富", "粮仓", "天路·共富菜园" };
  static const char *colors[] = { "#D55E00", NULL, "#009E73" };
  GfChartSeries series = { "收入", values, 3 };
  GfChartSpec spec = { 0 };
  const GfChartMark *mark;
  guint32 rgb = 0;

  spec.kind = GF_CHART_KIND_RANKED_BAR;
  spec.categories = names;
  spec.n_categories = 3;
  spec.category_colors = colors;
  spec.series = &series;
  spec.n_series = 1;
  spec.unit = "万元";
  spec.width = 640;
  spec.height = 400;

  {
    g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (&spec, NULL);

    check_layout (layout, &spec, "ranked-colors");
    g_assert_true (gf_chart_layout_category_color (layout, 0, &rgb));
    g_assert_cmphex (rgb, ==, 0xD55E00);
    g_assert_false (gf_chart_layout_category_color (layout, 1, &rgb));
    g_assert_true (gf_chart_layout_category_color (layout, 2, &rgb));
    g_assert_cmphex (rgb, ==, 0x009E73);

    /* The middle of each bar, as drawn. */
    mark = find_mark (layout, 0);
    g_assert_cmphex (render_pixel (layout, &spec, mark->rect.x + mark->rect.width / 2,
                                   mark->rect.y + mark->rect.height / 2), ==, 0xD55E00);
    mark = find_mark (layout, 1);
    g_assert_cmphex (render_pixel (layout, &spec, mark->rect.x + mark->rect.width / 2,
                                   mark->rect.y + mark->rect.height / 2), ==,
                     gf_chart_palette_color (0, FALSE));
    mark = find_mark (layout, 2);
    g_assert_cmphex (render_pixel (layout, &spec, mark->rect.x + mark->rect.width / 2,
                                   mark->rect.y + mark->rect.height / 2), ==, 0x009E73);
  }

  spec.high_contrast = TRUE;
  {
    g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (&spec, NULL);

    g_assert_false (gf_chart_layout_category_color (layout, 0, &rgb));
    mark = find_mark (layout, 0);
    g_assert_cmphex (render_pixel (layout, &spec, mark->rect.x + mark->rect.width / 2,
                                   mark->rect.y + mark->rect.height / 2), ==,
                     gf_chart_palette_color (0, TRUE));
  }

  /* Donut slices: the ring's middle at each slice's middle angle. */
  spec.high_contrast = FALSE;
  spec.kind = GF_CHART_KIND_DONUT;
  {
    g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (&spec, NULL);
    static const int categories[] = { 0, 1, 2 };

    check_layout (layout, &spec, "donut-colors");
    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      {
        double mid, r;
        guint32 expected;

        mark = find_mark (layout, categories[i]);
        g_assert_nonnull (mark);
        g_assert_cmpint (mark->kind, ==, GF_CHART_MARK_ARC);
        mid = (mark->start_angle + mark->end_angle) / 2;
        r = (mark->inner_radius + mark->outer_radius) / 2;
        expected = i == 0 ? 0xD55E00 : i == 1 ? gf_chart_palette_color (1, FALSE) : 0x009E73;
        g_assert_cmphex (render_pixel (layout, &spec, mark->x + r * cos (mid),
                                       mark->y + r * sin (mid)), ==, expected);
      }
  }

  /* Other kinds ignore them: a line's colours are its series'. */
  spec.kind = GF_CHART_KIND_LINE;
  {
    g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (&spec, NULL);

    g_assert_false (gf_chart_layout_category_color (layout, 0, &rgb));
  }

  /* A copy keeps them. */
  spec.kind = GF_CHART_KIND_DONUT;
  {
    g_autoptr(GfChartSpec) copy = gf_chart_spec_copy (&spec);

    g_assert_cmpstr (copy->category_colors[0], ==, "#D55E00");
    g_assert_null (copy->category_colors[1]);
    g_assert_cmpstr (copy->category_colors[2], ==, "#009E73");
  }
}

/* Golden images: a few charts compared with PNGs made by this code on Debian 12's fonts
 * (fonts-noto-cjk), with the font options the engine pins. A channel may differ by 1 (rounding
 * in other cairo/pixman builds); anything more is a change to look at. Regenerate with
 * GF_UPDATE_GOLDEN=1 after an intended change, and look at the new images before committing. */
static void
check_golden (const GfChartSpec *spec,
              const char        *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "golden", name, NULL);
  g_autoptr(GfChartLayout) layout = gf_chart_layout_compute (spec, NULL);
  cairo_surface_t *surface, *golden;
  cairo_t *cr;
  int width = (int) spec->width, height = (int) spec->height;
  guint differing = 0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gf_chart_render (layout, spec, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (g_getenv ("GF_UPDATE_GOLDEN") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      g_test_message ("wrote %s", path);
      return;
    }

  golden = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (golden), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *a = cairo_image_surface_get_data (surface)
                        + y * cairo_image_surface_get_stride (surface);
      const guint8 *b = cairo_image_surface_get_data (golden)
                        + y * cairo_image_surface_get_stride (golden);

      for (int x = 0; x < width * 4; x++)
        if (ABS ((int) a[x] - (int) b[x]) > 1)
          {
            differing++;
            break;
          }
    }

  cairo_surface_destroy (golden);
  cairo_surface_destroy (surface);

  if (differing > 0)
    g_error ("%s: %u rows differ from the golden image", name, differing);
}

static void
test_golden (void)
{
  static const double a[] = { 312.5, 355.0, 401.2, 468.9, 530.0, 612.4 };
  static const double b[] = { 205.0, 240.3, NAN, 301.8, 352.6, 420.0 };
  static const double c[] = { -4.0, 3.5, 12.25, 8.0, -1.5, 6.0 };
  static const char * const golden_years[] = { "2020", "2021", "2022", "2023", "2024", "2025" };
  GfChartSeries trend[] = {
    { "源头共富", a, 6, "#D55E00" },
    { "粮仓", b, 6, "#E69F00" },
  };
  GfChartSeries growth[] = { { "经营性收入增长", c, 6, NULL } };
  GfChartSpec spec = { 0 };

  spec.kind = GF_CHART_KIND_LINE;
  spec.title = "村级集体经济经营性收入";
  spec.subtitle = "2020—2025年，按组团";
  spec.unit = "万元";
  spec.categories = golden_years;
  spec.n_categories = 6;
  spec.series = trend;
  spec.n_series = 2;
  spec.width = 640;
  spec.height = 360;
  check_golden (&spec, "line.png");

  spec.kind = GF_CHART_KIND_GROUPED_BAR;
  check_golden (&spec, "grouped-bar.png");

  spec.kind = GF_CHART_KIND_GROWTH_BAR;
  spec.title = "经营性收入同比增长";
  spec.series = growth;
  spec.n_series = 1;
  check_golden (&spec, "growth-bar.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/number-format/grouped", test_number_grouped);
  g_test_add_func ("/core/number-format/percent", test_number_percent);
  g_test_add_func ("/core/number-format/decimals", test_number_decimals);
  g_test_add_func ("/core/number-format/unit-scale", test_unit_scale);
  g_test_add_func ("/core/chart/ticks/nice", test_ticks_nice);
  g_test_add_func ("/core/chart/layout/shapes", test_layout_shapes);
  g_test_add_func ("/core/chart/layout/random", test_layout_random);
  g_test_add_func ("/core/chart/layout/narrow-line", test_layout_narrow_line);
  g_test_add_func ("/core/chart/layout/units", test_layout_units);
  g_test_add_func ("/core/chart/layout/keep-unit", test_layout_keep_unit);
  g_test_add_func ("/core/chart/layout/category-colors", test_category_colors);
  g_test_add_func ("/core/chart/layout/growth-labels", test_layout_growth_labels);
  g_test_add_func ("/core/chart/layout/no-data", test_layout_no_data);
  g_test_add_func ("/core/chart/layout/nan-breaks-line", test_layout_nan_breaks_line);
  g_test_add_func ("/core/chart/layout/missing-not-zero", test_layout_missing_not_zero);
  g_test_add_func ("/core/chart/layout/end-labels", test_layout_end_labels);
  g_test_add_func ("/core/chart/layout/category-labels", test_layout_category_labels);
  g_test_add_func ("/core/chart/layout/hit-test", test_layout_hit_test);
  g_test_add_func ("/core/chart/layout/ranked", test_layout_ranked);
  g_test_add_func ("/core/chart/layout/donut", test_layout_donut);
  g_test_add_func ("/core/chart/layout/stacked", test_layout_stacked);
  g_test_add_func ("/core/chart/layout/small-multiples", test_layout_small_multiples);
  g_test_add_func ("/core/chart/layout/spec-copy", test_layout_spec_copy);
  g_test_add_func ("/core/chart/palette", test_palette);
  g_test_add_func ("/core/chart/render/ink-inside", test_render_ink_inside);
  g_test_add_func ("/core/chart/render/highlight", test_render_highlight_draws);
  g_test_add_func ("/core/chart/render/simplified-glyphs", test_render_simplified_glyphs);
  g_test_add_func ("/core/chart/export/png", test_export_png);
  g_test_add_func ("/core/chart/export/svg-pdf", test_export_svg_pdf);
  g_test_add_func ("/core/chart/export/errors", test_export_errors);
  g_test_add_func ("/core/chart/export/write-file", test_export_write_file);
  g_test_add_func ("/core/chart/series-colors", test_series_colors);
  g_test_add_func ("/core/chart/golden", test_golden);

  return g_test_run ();
}

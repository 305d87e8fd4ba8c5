/* gf-map-style.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What colour each village gets: its cluster's, or its class in a choropleth of one indicator
 * and year. A style is computed once (one fill per village) and is immutable afterwards, so
 * tiles rendering in parallel threads share it without locks.
 */

#define G_LOG_DOMAIN "gf-map-style"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gf-map-style.h"

struct _GfMapStyle
{
  gatomicrefcount       ref_count;
  GfMapData            *data;
  GfMapColorBy          color_by;
  GfMapClassification  *classes;
  char                 *title;
  char                 *subtitle;
  double                fill_opacity;
  /* Per village: 0xRRGGBB, or G_MAXUINT32 for "no data" (hatched). */
  guint32              *fills;
  double               *values;
};

G_DEFINE_QUARK (gf-map-style-error-quark, gf_map_style_error)

/* ColorBrewer (Cynthia Brewer, Penn State), both marked colour-blind safe: YlGnBu for amounts,
 * RdYlBu for thresholds. Row n − 1 holds the n-class scheme. */
static const guint32 sequential[GF_MAP_MAX_CLASSES][GF_MAP_MAX_CLASSES] = {
  { 0x41B6C4 },
  { 0xA1DAB4, 0x2C7FB8 },
  { 0xEDF8B1, 0x7FCDBB, 0x2C7FB8 },
  { 0xFFFFCC, 0xA1DAB4, 0x41B6C4, 0x225EA8 },
  { 0xFFFFCC, 0xA1DAB4, 0x41B6C4, 0x2C7FB8, 0x253494 },
  { 0xFFFFCC, 0xC7E9B4, 0x7FCDBB, 0x41B6C4, 0x2C7FB8, 0x253494 },
  { 0xFFFFCC, 0xC7E9B4, 0x7FCDBB, 0x41B6C4, 0x1D91C0, 0x225EA8, 0x0C2C84 },
};

static const guint32 diverging[GF_MAP_MAX_CLASSES][GF_MAP_MAX_CLASSES] = {
  { 0x2C7BB6 },
  /* Two classes answer "which fall short": the short side stands out, the rest stays calm. */
  { 0xD7191C, 0xABD9E9 },
  { 0xFC8D59, 0xFFFFBF, 0x91BFDB },
  { 0xD7191C, 0xFDAE61, 0xABD9E9, 0x2C7BB6 },
  { 0xD7191C, 0xFDAE61, 0xFFFFBF, 0xABD9E9, 0x2C7BB6 },
  { 0xD73027, 0xFC8D59, 0xFEE090, 0xE0F3F8, 0x91BFDB, 0x4575B4 },
  { 0xD73027, 0xFC8D59, 0xFEE090, 0xFFFFBF, 0xE0F3F8, 0x91BFDB, 0x4575B4 },
};

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* "1,234.5": grouped thousands, a fixed number of decimals, never "-0". */
static char *
format_number (double value,
               int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) out = g_string_new (NULL);
  const char *digits, *point;
  gsize n_int;

  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  {
    g_autofree char *fmt = g_strdup_printf ("%%.%df", decimals);
    g_ascii_formatd (buffer, sizeof buffer, fmt, value);
  }

  digits = buffer[0] == '-' ? buffer + 1 : buffer;
  point = strchr (digits, '.');
  n_int = point != NULL ? (gsize) (point - digits) : strlen (digits);

  if (buffer[0] == '-')
    g_string_append_c (out, '-');
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The fewest decimals (up to 3) that write every break exactly. */
static int
decimals_for (const double *breaks,
              guint         n)
{
  int decimals = 0;

  for (guint i = 0; i < n; i++)
    while (decimals < 3)
      {
        double scaled = breaks[i] * pow (10, decimals);

        if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1, fabs (scaled)))
          break;
        decimals++;
      }

  return decimals;
}

/* Breaks computed from the data are rounded to three significant digits of the range, so the
 * legend can say exactly where a class starts. */
static double
round_break (double value,
             double range)
{
  double step;

  if (!(range > 0))
    return value;
  step = pow (10, floor (log10 (range)) - 2);
  return round (value / step) * step;
}

/**
 * gf_map_classification_new:
 * @values: (array length=n_values): the values to classify; NaN means "no data"
 * @n_classes: classes wanted for quantile and equal-interval (clamped to 1 …
 *   %GF_MAP_MAX_CLASSES); ignored for thresholds
 * @thresholds: (array length=n_thresholds) (nullable): the breaks for
 *   %GF_MAP_CLASSIFY_THRESHOLDS (at most %GF_MAP_MAX_CLASSES − 1; sorted here)
 * @direction: 1 when higher is better, -1 when lower is better, 0 when neither: puts the red
 *   end of the diverging palette on the worse side
 *
 * Quantile: break i (1 ≤ i < n) is the value of rank ⌊i·n/k⌋ of the sorted values, rounded
 * to three significant digits of the range; equal interval: min + i·(max − min)/k, rounded
 * likewise. Breaks that coincide (ties, or fewer distinct values than classes) merge their
 * classes, so @n_classes of the result can be smaller than asked for.
 *
 * Returns: (transfer full): the classification
 */
GfMapClassification *
gf_map_classification_new (GfMapClassifyMethod  method,
                           const double        *values,
                           guint                n_values,
                           guint                n_classes,
                           const double        *thresholds,
                           guint                n_thresholds,
                           int                  direction)
{
  g_autoptr(GfMapClassification) c = g_new0 (GfMapClassification, 1);
  g_autofree double *sorted = g_new (double, MAX (n_values, 1));
  double candidates[GF_MAP_MAX_CLASSES];
  guint n_candidates = 0, n_sorted = 0, n_breaks = 0;
  int decimals;

  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (method != GF_MAP_CLASSIFY_THRESHOLDS
                        || (thresholds != NULL && n_thresholds > 0
                            && n_thresholds < GF_MAP_MAX_CLASSES), NULL);

  c->method = method;
  for (guint i = 0; i < n_values; i++)
    if (isnan (values[i]))
      c->n_missing++;
    else
      sorted[n_sorted++] = values[i];
  qsort (sorted, n_sorted, sizeof (double), compare_double);
  c->min = n_sorted > 0 ? sorted[0] : NAN;
  c->max = n_sorted > 0 ? sorted[n_sorted - 1] : NAN;
  n_classes = CLAMP (n_classes, 1, GF_MAP_MAX_CLASSES);

  switch (method)
    {
    case GF_MAP_CLASSIFY_THRESHOLDS:
      memcpy (candidates, thresholds, sizeof (double) * n_thresholds);
      qsort (candidates, n_thresholds, sizeof (double), compare_double);
      n_candidates = n_thresholds;
      break;

    case GF_MAP_CLASSIFY_QUANTILE:
      for (guint i = 1; i < n_classes && n_sorted > 0; i++)
        candidates[n_candidates++] = round_break (sorted[(gsize) i * n_sorted / n_classes],
                                                  c->max - c->min);
      break;

    case GF_MAP_CLASSIFY_EQUAL_INTERVAL:
      for (guint i = 1; i < n_classes && n_sorted > 0 && c->max > c->min; i++)
        candidates[n_candidates++] = round_break (c->min + i * (c->max - c->min) / n_classes,
                                                  c->max - c->min);
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  /* Data-driven breaks must split the data: none at or below the minimum, none above the
   * maximum, no two alike. Thresholds are the user's and stay as given (unique). */
  c->breaks = g_new (double, GF_MAP_MAX_CLASSES);
  for (guint i = 0; i < n_candidates; i++)
    {
      double b = candidates[i];

      if (method != GF_MAP_CLASSIFY_THRESHOLDS && (b <= c->min || b > c->max))
        continue;
      if (n_breaks > 0 && b <= c->breaks[n_breaks - 1])
        continue;
      c->breaks[n_breaks++] = b;
    }
  c->n_classes = n_breaks + 1;

  c->diverging = method == GF_MAP_CLASSIFY_THRESHOLDS;
  c->colors = g_new (guint32, c->n_classes);
  for (guint i = 0; i < c->n_classes; i++)
    {
      /* Lower is better: blue at the bottom, red on top. */
      guint j = c->diverging && direction < 0 ? c->n_classes - 1 - i : i;

      c->colors[i] = c->diverging ? diverging[c->n_classes - 1][j]
                                  : sequential[c->n_classes - 1][j];
    }

  c->counts = g_new0 (guint, c->n_classes);
  for (guint i = 0; i < n_sorted; i++)
    c->counts[gf_map_classification_class_of (c, sorted[i])]++;

  decimals = decimals_for (c->breaks, n_breaks);
  c->labels = g_new0 (char *, c->n_classes + 1);
  if (c->n_classes == 1)
    {
      if (n_sorted == 0)
        c->labels[0] = g_strdup ("–");
      else if (c->min == c->max)
        c->labels[0] = format_number (c->min, decimals_for (&c->min, 1));
      else
        {
          int d = MAX (decimals_for (&c->min, 1), decimals_for (&c->max, 1));
          g_autofree char *lo = format_number (c->min, d);
          g_autofree char *hi = format_number (c->max, d);

          c->labels[0] = g_strdup_printf ("%s – %s", lo, hi);
        }
    }
  else
    for (guint i = 0; i < c->n_classes; i++)
      {
        g_autofree char *lo = i > 0 ? format_number (c->breaks[i - 1], decimals) : NULL;
        g_autofree char *hi = i < n_breaks ? format_number (c->breaks[i], decimals) : NULL;

        if (lo == NULL)
          c->labels[i] = g_strdup_printf ("< %s", hi);
        else if (hi == NULL)
          c->labels[i] = g_strdup_printf ("≥ %s", lo);
        else
          c->labels[i] = g_strdup_printf ("%s – %s", lo, hi);
      }

  return g_steal_pointer (&c);
}

/**
 * gf_map_classification_class_of:
 *
 * Returns: the class of @value, or %GF_MAP_CLASS_NONE for NaN
 */
guint
gf_map_classification_class_of (const GfMapClassification *classes,
                                double                     value)
{
  guint lo = 0, hi;

  g_return_val_if_fail (classes != NULL, GF_MAP_CLASS_NONE);

  if (isnan (value))
    return GF_MAP_CLASS_NONE;

  /* The first break above the value. */
  hi = classes->n_classes - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (value < classes->breaks[mid])
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

void
gf_map_classification_free (GfMapClassification *classes)
{
  if (classes == NULL)
    return;

  g_free (classes->breaks);
  g_free (classes->colors);
  g_strfreev (classes->labels);
  g_free (classes->counts);
  g_free (classes);
}

static GfMapStyle *
style_new (GfMapData    *data,
           GfMapColorBy  color_by)
{
  GfMapStyle *style = g_new0 (GfMapStyle, 1);
  guint n = gf_map_data_get_n_villages (data);

  g_atomic_ref_count_init (&style->ref_count);
  style->data = gf_map_data_ref (data);
  style->color_by = color_by;
  style->fill_opacity = 1.0;
  style->fills = g_new (guint32, MAX (n, 1));
  style->values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    style->values[i] = NAN;

  return style;
}

/**
 * gf_map_style_new_by_cluster:
 * @data: the map data; a reference is taken
 *
 * Villages take their cluster's colour; villages in no cluster a neutral light grey.
 *
 * Returns: (transfer full): the style
 */
GfMapStyle *
gf_map_style_new_by_cluster (GfMapData *data)
{
  GfMapStyle *style;

  g_return_val_if_fail (data != NULL, NULL);

  style = style_new (data, GF_MAP_COLOR_BY_CLUSTER);
  /* Translators: the title of the map legend when villages are coloured by cluster (组团). */
  style->title = g_strdup (_("Clusters"));
  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);

      style->fills[i] = v->cluster >= 0 ? gf_map_data_get_cluster (data, v->cluster)->color
                                        : GF_MAP_COLOR_UNCLUSTERED;
    }

  return style;
}

/**
 * gf_map_style_new_by_membership:
 * @data: the map data; a reference is taken
 * @village_to_cluster: village id → cluster id (both `gint64 *`), e.g. a draft's
 *   gf_layout_draft_get_membership(); read during the call only, not kept
 *
 * Like gf_map_style_new_by_cluster(), but by an explicit membership rather than the one
 * @data was loaded with: a layout being planned. Villages take the colour of the cluster the
 * table gives them (a cluster unknown to @data counts as none); the others a neutral grey.
 * The style is as immutable as any other: build a new one after each change.
 *
 * Returns: (transfer full): the style
 */
GfMapStyle *
gf_map_style_new_by_membership (GfMapData  *data,
                                GHashTable *village_to_cluster)
{
  GfMapStyle *style;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (village_to_cluster != NULL, NULL);

  style = style_new (data, GF_MAP_COLOR_BY_CLUSTER);
  style->title = g_strdup (_("Clusters"));
  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);
      const gint64 *cluster_id = g_hash_table_lookup (village_to_cluster, &v->id);
      int cluster = cluster_id != NULL ? gf_map_data_find_cluster (data, *cluster_id) : -1;

      style->fills[i] = cluster >= 0 ? gf_map_data_get_cluster (data, cluster)->color
                                     : GF_MAP_COLOR_UNCLUSTERED;
    }

  return style;
}

/**
 * gf_map_style_new_by_values:
 * @data: the map data; a reference is taken
 * @values: the villages' values (by village id); villages missing from it have no data
 * @classes: (transfer full): the classes to colour by, e.g. from gf_map_classification_new()
 *   over the same values
 * @title: the legend title (the indicator's name)
 * @subtitle: (nullable): the legend's second line (year and unit)
 *
 * Returns: (transfer full): the style of a choropleth
 */
GfMapStyle *
gf_map_style_new_by_values (GfMapData              *data,
                            const GfVillageValues  *values,
                            GfMapClassification    *classes,
                            const char             *title,
                            const char             *subtitle)
{
  GfMapStyle *style;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (classes != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  style = style_new (data, GF_MAP_COLOR_BY_VALUE);
  style->classes = classes;
  style->title = g_strdup (title);
  style->subtitle = g_strdup (subtitle);

  /* Both lists are sorted by id: one merge. */
  for (guint i = 0, k = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);
      guint cls;

      while (k < values->n && values->village_ids[k] < v->id)
        k++;
      if (k < values->n && values->village_ids[k] == v->id)
        style->values[i] = values->values[k];

      cls = gf_map_classification_class_of (classes, style->values[i]);
      style->fills[i] = cls == GF_MAP_CLASS_NONE ? G_MAXUINT32 : classes->colors[cls];
    }

  return style;
}

/**
 * gf_map_style_new_for_indicator:
 * @data: the map data; a reference is taken
 * @aggregator: gives the village values, derived indicators included
 * @code: the indicator's code
 * @year: the year
 * @method: how to choose the classes
 * @n_classes: classes for quantile and equal interval (0: %GF_MAP_DEFAULT_CLASSES)
 * @thresholds: (array length=n_thresholds) (nullable): breaks for thresholds; %NULL with
 *   %GF_MAP_CLASSIFY_THRESHOLDS uses the indicator's benchmark
 *
 * A choropleth of one indicator and year, titled with the indicator's name in the language
 * of the interface and subtitled with the year and unit.
 *
 * Returns: (transfer full) (nullable): the style, or %NULL with an error
 */
GfMapStyle *
gf_map_style_new_for_indicator (GfMapData            *data,
                                GfAggregator         *aggregator,
                                const char           *code,
                                int                   year,
                                GfMapClassifyMethod   method,
                                guint                 n_classes,
                                const double         *thresholds,
                                guint                 n_thresholds,
                                GError              **error)
{
  g_autoptr(GfVillageValues) values = NULL;
  g_autofree char *subtitle = NULL;
  GfMapClassification *classes;
  const GfIndicator *indicator;
  const char * const *languages;
  const char *name;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  indicator = gf_aggregator_get_indicator (aggregator, code);
  if (indicator == NULL)
    {
      g_set_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_INDICATOR,
                   _("There is no indicator “%s”"), code);
      return NULL;
    }

  if (method == GF_MAP_CLASSIFY_THRESHOLDS && thresholds == NULL)
    {
      if (isnan (indicator->benchmark))
        {
          g_set_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_CLASSES,
                       _("The indicator “%s” has no benchmark; give the thresholds"), code);
          return NULL;
        }
      thresholds = &indicator->benchmark;
      n_thresholds = 1;
    }
  if (method == GF_MAP_CLASSIFY_THRESHOLDS
      && (n_thresholds == 0 || n_thresholds >= GF_MAP_MAX_CLASSES))
    {
      g_set_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_CLASSES,
                   _("Give between 1 and %d thresholds"), GF_MAP_MAX_CLASSES - 1);
      return NULL;
    }
  if (n_classes > GF_MAP_MAX_CLASSES)
    {
      g_set_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_CLASSES,
                   _("A map shows at most %d classes"), GF_MAP_MAX_CLASSES);
      return NULL;
    }

  values = gf_aggregator_village_values (aggregator, indicator, year, error);
  if (values == NULL)
    return NULL;

  classes = gf_map_classification_new (method, values->values, values->n,
                                       n_classes > 0 ? n_classes : GF_MAP_DEFAULT_CLASSES,
                                       thresholds, n_thresholds, indicator->direction);
  /* Villages on the map without a value count as missing too. */
  classes->n_missing += gf_map_data_get_n_villages (data) > values->n
                        ? gf_map_data_get_n_villages (data) - values->n : 0;

  /* The Chinese name unless the interface is explicitly in another language: the data and
   * its readers are Chinese, and a bare C locale (scripts, CI) is no choice of English. */
  languages = g_get_language_names ();
  name = g_str_has_prefix (languages[0], "zh") || g_str_equal (languages[0], "C")
         || g_str_has_prefix (languages[0], "C.") || g_str_equal (languages[0], "POSIX")
         ? indicator->name_zh : indicator->name_en;
  /* Translators: the map legend's second line: the year, then the unit (万元, 元, 亩, …). */
  subtitle = g_strdup_printf (_("%d · %s"), year, indicator->unit);

  return gf_map_style_new_by_values (data, values, classes, name, subtitle);
}

/**
 * gf_map_style_ref:
 *
 * Returns: (transfer full): @style, with one more reference (atomically: any thread may)
 */
GfMapStyle *
gf_map_style_ref (GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);

  g_atomic_ref_count_inc (&style->ref_count);
  return style;
}

void
gf_map_style_unref (GfMapStyle *style)
{
  g_return_if_fail (style != NULL);

  if (!g_atomic_ref_count_dec (&style->ref_count))
    return;

  g_clear_pointer (&style->data, gf_map_data_unref);
  g_clear_pointer (&style->classes, gf_map_classification_free);
  g_clear_pointer (&style->title, g_free);
  g_clear_pointer (&style->subtitle, g_free);
  g_clear_pointer (&style->fills, g_free);
  g_clear_pointer (&style->values, g_free);
  g_free (style);
}

/**
 * gf_map_style_set_fill_opacity:
 * @opacity: 0 to 1; 1 by default, lower over a basemap
 *
 * Only before the style is handed to a renderer: styles are immutable once shared.
 */
void
gf_map_style_set_fill_opacity (GfMapStyle *style,
                               double      opacity)
{
  g_return_if_fail (style != NULL);

  style->fill_opacity = CLAMP (opacity, 0, 1);
}

double
gf_map_style_get_fill_opacity (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, 1);

  return style->fill_opacity;
}

/**
 * gf_map_style_get_data:
 *
 * Returns: (transfer none): the map data the style colours
 */
GfMapData *
gf_map_style_get_data (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);

  return style->data;
}

GfMapColorBy
gf_map_style_get_color_by (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, GF_MAP_COLOR_BY_CLUSTER);

  return style->color_by;
}

/**
 * gf_map_style_get_classification:
 *
 * Returns: (transfer none) (nullable): the classes of a choropleth, %NULL when by cluster
 */
const GfMapClassification *
gf_map_style_get_classification (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);

  return style->classes;
}

const char *
gf_map_style_get_title (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);

  return style->title;
}

/**
 * gf_map_style_get_subtitle:
 *
 * Returns: (nullable): the legend's second line
 */
const char *
gf_map_style_get_subtitle (const GfMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);

  return style->subtitle;
}

/**
 * gf_map_style_get_village_fill:
 * @village: a village index of the style's map data
 * @rgb: (out): its fill as 0xRRGGBB
 *
 * Returns: %FALSE when the village has no data (drawn hatched)
 */
gboolean
gf_map_style_get_village_fill (const GfMapStyle *style,
                               guint             village,
                               guint32          *rgb)
{
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (village < gf_map_data_get_n_villages (style->data), FALSE);

  *rgb = style->fills[village];
  return style->fills[village] != G_MAXUINT32;
}

/**
 * gf_map_style_get_village_value:
 *
 * Returns: the village's value in a choropleth, NaN when it has none or when by cluster
 */
double
gf_map_style_get_village_value (const GfMapStyle *style,
                                guint             village)
{
  g_return_val_if_fail (style != NULL, NAN);
  g_return_val_if_fail (village < gf_map_data_get_n_villages (style->data), NAN);

  return style->values[village];
}

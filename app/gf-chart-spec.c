/* gf-chart-spec.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the spec of a named kind of chart from the series of an indicator per cluster or per
 * chosen village. Line, bar, stacked, growth, sparkline and small-multiple charts run over the
 * years; ranked bars, donuts and bars of several indicators (of one unit) compare the clusters
 * or villages in one year. Everything that would make a misleading chart (an unknown name,
 * years without data, adding up averages, mixing units) is refused with a sentence that says
 * why.
 */

#define G_LOG_DOMAIN "gf-chart-spec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gf-catalog.h"
#include "gf-chart-spec.h"
#include "gf-series.h"

G_DEFINE_QUARK (gf-chart-spec-error-quark, gf_chart_spec_error)

/* More clusters than a chart can tell apart, and how many of them it shows then. */
#define MANY_CLUSTERS 12
#define TOP_CLUSTERS 10

static const struct
{
  GfChartKind  kind;
  const char  *name;
} kind_names[] = {
  { GF_CHART_KIND_LINE, "line" },
  { GF_CHART_KIND_GROUPED_BAR, "bar" },
  { GF_CHART_KIND_STACKED_BAR, "stacked" },
  { GF_CHART_KIND_GROWTH_BAR, "growth" },
  { GF_CHART_KIND_DONUT, "donut" },
  { GF_CHART_KIND_RANKED_BAR, "ranked" },
  { GF_CHART_KIND_SPARKLINE, "sparkline" },
  { GF_CHART_KIND_SMALL_MULTIPLES, "multiples" },
};

/**
 * gf_chart_kind_from_name:
 * @name: line, bar, stacked, growth, donut, ranked, sparkline or multiples
 * @kind: (out): the kind
 *
 * Returns: whether @name names a kind of chart
 */
gboolean
gf_chart_kind_from_name (const char  *name,
                         GfChartKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (name, kind_names[i].name))
      {
        *kind = kind_names[i].kind;
        return TRUE;
      }

  return FALSE;
}

/**
 * gf_chart_kind_to_name:
 *
 * Returns: (transfer none): the name of @kind in files and on the command line
 */
const char *
gf_chart_kind_to_name (GfChartKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;

  g_return_val_if_reached ("line");
}

/**
 * gf_chart_kind_to_label:
 *
 * Returns: (transfer none): the translated name of @kind for the user
 */
const char *
gf_chart_kind_to_label (GfChartKind kind)
{
  switch (kind)
    {
    case GF_CHART_KIND_LINE:
      return C_("chart kind", "Line chart");
    case GF_CHART_KIND_GROUPED_BAR:
      return C_("chart kind", "Bar chart");
    case GF_CHART_KIND_STACKED_BAR:
      return C_("chart kind", "Stacked bar chart");
    case GF_CHART_KIND_GROWTH_BAR:
      return C_("chart kind", "Growth chart");
    case GF_CHART_KIND_DONUT:
      return C_("chart kind", "Donut chart");
    case GF_CHART_KIND_RANKED_BAR:
      return C_("chart kind", "Ranking");
    case GF_CHART_KIND_SPARKLINE:
      return C_("chart kind", "Sparkline");
    case GF_CHART_KIND_SMALL_MULTIPLES:
      return C_("chart kind", "Small multiples");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * gf_chart_kind_is_single_year:
 *
 * Returns: whether @kind compares the clusters in one year (ranked bars, donuts) rather than
 *   running over the years
 */
gboolean
gf_chart_kind_is_single_year (GfChartKind kind)
{
  return kind == GF_CHART_KIND_RANKED_BAR || kind == GF_CHART_KIND_DONUT;
}

/**
 * gf_chart_format_years:
 *
 * Returns: (transfer full): "2025" or "2016–2025", as the locale writes years
 */
char *
gf_chart_format_years (int first_year,
                       int last_year)
{
  if (first_year == last_year)
    /* Translators: one year on a chart or a briefing page, e.g. “2025”. Chinese adds 年. */
    return g_strdup_printf (_("%d"), first_year);

  /* Translators: a range of years on a chart or a briefing page, e.g. “2016–2025”. */
  return g_strdup_printf (_("%d–%d"), first_year, last_year);
}

/**
 * gf_chart_clusters_from_names:
 * @names: (array zero-terminated=1): cluster names
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of the clusters, in the
 *   order of @names; %NULL with a %GF_CHART_SPEC_ERROR_CLUSTER error naming the first unknown
 *   name and the clusters there are
 */
GArray *
gf_chart_clusters_from_names (GfDatabase          *db,
                              const char * const  *names,
                              GError             **error)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  clusters = gf_store_list_clusters (db, error);
  if (clusters == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      gboolean found = FALSE;

      for (guint c = 0; c < clusters->len && !found; c++)
        {
          GfClusterRecord *record = g_ptr_array_index (clusters, c);

          if (g_str_equal (record->name, name))
            {
              g_array_append_val (ids, record->id);
              found = TRUE;
            }
        }

      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint c = 0; c < clusters->len; c++)
            g_string_append_printf (known, "%s%s", c > 0 ? ", " : "",
                                    ((GfClusterRecord *) g_ptr_array_index (clusters, c))->name);
          if (clusters->len == 0)
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no cluster “%s”: the district has no clusters yet"), name);
          else
            /* Translators: the second %s is a list of cluster names */
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no cluster “%s”. The clusters are: %s"), name, known->str);
          return NULL;
        }
    }

  return g_steal_pointer (&ids);
}

/**
 * gf_chart_subject_to_name:
 *
 * Returns: (transfer none): "clusters" or "villages", the name of @subject in files
 */
const char *
gf_chart_subject_to_name (GfChartSubject subject)
{
  return subject == GF_CHART_SUBJECT_VILLAGES ? "villages" : "clusters";
}

/**
 * gf_chart_subject_from_name:
 * @name: "clusters" or "villages"
 * @subject: (out): the subject
 *
 * Returns: whether @name names a subject
 */
gboolean
gf_chart_subject_from_name (const char     *name,
                            GfChartSubject *subject)
{
  g_return_val_if_fail (subject != NULL, FALSE);

  if (g_strcmp0 (name, "clusters") == 0)
    *subject = GF_CHART_SUBJECT_CLUSTERS;
  else if (g_strcmp0 (name, "villages") == 0)
    *subject = GF_CHART_SUBJECT_VILLAGES;
  else
    return FALSE;

  return TRUE;
}

/* Every village as a row of id, name and town name. */
static GPtrArray *
list_villages (GfDatabase  *db,
               GError     **error)
{
  static const GfStoreColumn columns[] = {
    { "id", NULL, NULL },
    { "name", NULL, NULL },
    { "town_id", "town", "name" },
  };

  return gf_store_select_rows (db, "village", columns, G_N_ELEMENTS (columns), error);
}

/* "新村（河桥镇）": a village's name with its town, as a chart writes it when two villages
 * share a name. */
static char *
village_with_town (const char *name,
                   const char *town)
{
  /* The names are Chinese data, written as Chinese writes them whatever the language of the
   * interface (as the "、" between indicator names), and as gf_chart_villages_from_names()
   * reads them back. */
  return g_strdup_printf ("%s（%s）", name, town != NULL ? town : "?");
}

/**
 * gf_chart_villages_from_names:
 * @names: (array zero-terminated=1): village names; a name that several villages share
 *   must name the town too, as "新村（河桥镇）" or "新村(河桥镇)"
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of the villages, in the
 *   order of @names; %NULL with a %GF_CHART_SPEC_ERROR_CLUSTER error naming the first name
 *   that is unknown or ambiguous
 */
GArray *
gf_chart_villages_from_names (GfDatabase          *db,
                              const char * const  *names,
                              GError             **error)
{
  g_autoptr(GPtrArray) villages = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  villages = list_villages (db, error);
  if (villages == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      g_autofree char *plain = NULL;
      g_autofree char *town = NULL;
      g_autoptr(GString) towns = g_string_new (NULL);
      const char *open;
      const char *first_town = NULL;
      guint n_found = 0;
      gint64 found = 0;

      if (*name == '\0')
        {
          g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                               _("A village name is empty: separate the names with commas"));
          return NULL;
        }

      /* "name（town）" or "name(town)" names the town as well. */
      open = strstr (name, "（");
      if (open != NULL && g_str_has_suffix (name, "）") && open != name)
        {
          plain = g_strndup (name, open - name);
          town = g_strndup (open + strlen ("（"),
                            strlen (open) - strlen ("（") - strlen ("）"));
        }
      else if ((open = strchr (name, '(')) != NULL && g_str_has_suffix (name, ")") && open != name)
        {
          plain = g_strndup (name, open - name);
          town = g_strndup (open + 1, strlen (open) - 2);
        }
      if (plain != NULL)
        {
          g_strstrip (plain);
          g_strstrip (town);
        }

      for (guint v = 0; v < villages->len; v++)
        {
          char **row = g_ptr_array_index (villages, v);
          gboolean match = plain != NULL
                           ? g_strcmp0 (row[1], plain) == 0 && g_strcmp0 (row[2], town) == 0
                           : g_strcmp0 (row[1], name) == 0;

          /* A name with brackets may also be a village's own name. */
          if (!match && plain != NULL)
            match = g_strcmp0 (row[1], name) == 0;
          if (match)
            {
              if (n_found++ == 0)
                first_town = row[2];
              found = g_ascii_strtoll (row[0], NULL, 10);
              g_string_append_printf (towns, "%s%s", towns->len > 0 ? ", " : "",
                                      row[2] != NULL ? row[2] : "?");
            }
        }

      if (n_found == 0)
        {
          if (plain != NULL)
            /* Translators: the first %s is a village's name, the second a town's */
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no village “%s” in the town “%s”"), plain, town);
          else
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no village “%s”"), name);
          return NULL;
        }
      if (n_found > 1)
        {
          g_autofree char *example = village_with_town (name, first_town);

          /* Translators: the first %s is a village name, the second a list of towns, the
           * third an example such as “新村（河桥镇）” */
          g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                       _("Several villages are named “%s” (in %s): add the town, as in %s"),
                       name, towns->str, example);
          return NULL;
        }

      for (guint k = 0; k < ids->len; k++)
        if (g_array_index (ids, gint64, k) == found)
          {
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("The village “%s” is listed twice"), name);
            return NULL;
          }
      g_array_append_val (ids, found);
    }

  if (ids->len == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                           _("Name at least one village to compare"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
is_average (const GfIndicator *indicator)
{
  return indicator->aggregation == GF_AGGREGATION_MEAN
         || indicator->aggregation == GF_AGGREGATION_WEIGHTED_MEAN;
}

static gboolean
resolve_years (GfAggregator          *aggregator,
               const GfChartRequest  *request,
               int                   *first_year,
               int                   *last_year,
               GError               **error)
{
  g_autofree char *asked = NULL;
  g_autofree char *covered = NULL;
  int data_first, data_last;

  if (!gf_store_year_range (gf_aggregator_get_database (aggregator), &data_first, &data_last,
                            error))
    return FALSE;

  if (data_first == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA,
                           _("The database has no indicator values yet"));
      return FALSE;
    }

  *last_year = request->last_year != 0 ? request->last_year : data_last;
  if (request->first_year != 0)
    *first_year = request->first_year;
  else if (gf_chart_kind_is_single_year (request->kind))
    *first_year = *last_year;
  else if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    /* The first year has nothing to grow from. */
    *first_year = MIN (data_first + 1, MAX (*last_year, data_first));
  else
    *first_year = data_first;

  if (*first_year > *last_year)
    {
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS,
                   _("The years %d–%d are not a range: the first year comes after the last"),
                   *first_year, *last_year);
      return FALSE;
    }

  if (*first_year < data_first || *last_year > data_last)
    {
      asked = gf_chart_format_years (*first_year, *last_year);
      covered = gf_chart_format_years (data_first, data_last);
      /* Translators: both are years or ranges of years, e.g. “2010–2012” and “2016–2025” */
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS,
                   _("There is no data for %s: the data covers %s"), asked, covered);
      return FALSE;
    }

  return TRUE;
}

static char *
make_subtitle (const GfChartRequest *request,
               const char           *years)
{
  gboolean villages = request->subject == GF_CHART_SUBJECT_VILLAGES;

  switch (request->kind)
    {
    case GF_CHART_KIND_GROWTH_BAR:
      return g_strdup_printf (villages
                              /* Translators: a chart subtitle; %s is a year or a range of years */
                              ? _("Year-on-year growth by village · %s")
                              /* Translators: a chart subtitle; %s is a year or a range of years */
                              : _("Year-on-year growth by cluster · %s"), years);
    case GF_CHART_KIND_SPARKLINE:
      if (!villages && request->subject_ids == NULL)
        /* Translators: a chart subtitle; %s is a range of years */
        return g_strdup_printf (_("Whole district · %s"), years);
      G_GNUC_FALLTHROUGH;
    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_DONUT:
    case GF_CHART_KIND_RANKED_BAR:
    case GF_CHART_KIND_SMALL_MULTIPLES:
    default:
      if (villages)
        /* Translators: a chart subtitle; %s is a year or a range of years */
        return g_strdup_printf (_("By village · %s"), years);
      /* Translators: a chart subtitle; %s is a year or a range of years */
      return g_strdup_printf (_("By cluster · %s"), years);
    }
}

/* The indicators of @request, checked against the kind of chart: several only for grouped
 * and stacked bars, and only of one unit; no averages where the chart adds values up. */
static GPtrArray *
resolve_indicators (GfAggregator          *aggregator,
                    const GfChartRequest  *request,
                    GError               **error)
{
  g_autoptr(GPtrArray) indicators = g_ptr_array_new ();

  if (request->n_indicators == 0 || request->indicators == NULL)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR,
                           _("Choose an indicator to chart"));
      return NULL;
    }

  for (guint i = 0; i < request->n_indicators; i++)
    {
      const char *code = request->indicators[i];
      const GfIndicator *indicator = code != NULL
                                     ? gf_aggregator_get_indicator (aggregator, code) : NULL;

      if (indicator == NULL)
        {
          g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR,
                       _("There is no indicator “%s”"), code != NULL ? code : "");
          return NULL;
        }
      for (guint j = 0; j < indicators->len; j++)
        if (g_ptr_array_index (indicators, j) == indicator)
          {
            /* Translators: %s is an indicator name */
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR,
                         _("“%s” is chosen twice"), indicator->name_zh);
            return NULL;
          }
      g_ptr_array_add (indicators, (gpointer) indicator);
    }

  if (indicators->len > 1)
    {
      const GfIndicator *first = g_ptr_array_index (indicators, 0);

      if (request->kind != GF_CHART_KIND_GROUPED_BAR && request->kind != GF_CHART_KIND_STACKED_BAR)
        {
          /* Translators: %s is a kind of chart, e.g. “Line chart” */
          g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND,
                       _("A %s shows one indicator: choose a bar or stacked bar chart to "
                         "compare several"), gf_chart_kind_to_label (request->kind));
          return NULL;
        }

      for (guint i = 1; i < indicators->len; i++)
        {
          const GfIndicator *other = g_ptr_array_index (indicators, i);

          if (g_strcmp0 (first->unit, other->unit) != 0)
            {
              /* Translators: the first and third %s are indicator names, the second and
               * fourth their units, e.g. “土地流转面积” is in 亩 but “引进社会资本” in 万元 */
              g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND,
                           _("“%s” is in %s but “%s” is in %s: one chart compares indicators "
                             "of one unit"),
                           first->name_zh, first->unit != NULL ? first->unit : "—",
                           other->name_zh, other->unit != NULL ? other->unit : "—");
              return NULL;
            }
        }
    }

  for (guint i = 0; i < indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (indicators, i);

      if ((request->kind == GF_CHART_KIND_STACKED_BAR || request->kind == GF_CHART_KIND_DONUT)
          && is_average (indicator))
        {
          /* Translators: %s is an indicator name, e.g. 农民人均纯收入 */
          g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND,
                       _("“%s” is an average, and averages of clusters do not add up: show it as "
                         "a line, bar or ranking instead"), indicator->name_zh);
          return NULL;
        }
    }

  return g_steal_pointer (&indicators);
}

/* Villages that share a name are told apart by their town. */
static gboolean
name_villages (GfAggregator  *aggregator,
               GfSeriesSet   *set,
               GError       **error)
{
  g_autoptr(GPtrArray) villages = NULL;
  g_autofree gboolean *twins = NULL;
  gboolean shared = FALSE;

  for (guint i = 0; i < set->n_series && !shared; i++)
    for (guint j = 0; j < i && !shared; j++)
      shared = g_strcmp0 (set->names[i], set->names[j]) == 0;
  if (!shared)
    return TRUE;

  villages = list_villages (gf_aggregator_get_database (aggregator), error);
  if (villages == NULL)
    return FALSE;

  /* Every twin is found before any is renamed. */
  twins = g_new0 (gboolean, set->n_series);
  for (guint i = 0; i < set->n_series; i++)
    for (guint j = 0; j < set->n_series && !twins[i]; j++)
      twins[i] = j != i && g_strcmp0 (set->names[i], set->names[j]) == 0;

  for (guint i = 0; i < set->n_series; i++)
    {
      if (!twins[i])
        continue;

      for (guint v = 0; v < villages->len; v++)
        {
          char **row = g_ptr_array_index (villages, v);

          if (g_ascii_strtoll (row[0], NULL, 10) == set->ids[i])
            {
              char *named = village_with_town (set->names[i], row[2]);

              g_free (set->names[i]);
              set->names[i] = named;
              break;
            }
        }
    }

  return TRUE;
}

static GfSeriesSet *
fetch_series (GfAggregator          *aggregator,
              const GfChartRequest  *request,
              const GfIndicator     *indicator,
              int                    first_year,
              int                    last_year,
              GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GfSeriesSet) set = NULL;
  static const gint64 none = 0;
  gboolean district_only;

  if (request->subject == GF_CHART_SUBJECT_VILLAGES)
    {
      set = gf_series_by_village (aggregator, gf_aggregator_get_database (aggregator), indicator,
                                  request->subject_ids, request->n_subjects, first_year,
                                  last_year, &local_error);
      if (set != NULL && !name_villages (aggregator, set, error))
        return NULL;
    }
  else
    {
      /* A sparkline of every cluster is one line: the district's. */
      district_only = request->kind == GF_CHART_KIND_SPARKLINE && request->subject_ids == NULL;
      set = gf_series_by_cluster (aggregator, indicator,
                                  district_only ? &none : request->subject_ids,
                                  district_only ? 0 : request->n_subjects,
                                  first_year, last_year, district_only, &local_error);
    }

  if (set == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (set->n_series == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                           _("The district has no clusters yet, so there is nothing to compare"));
      return NULL;
    }

  return g_steal_pointer (&set);
}

static char *
join_names (GPtrArray *indicators)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (indicators, i);

      /* The names are Chinese, joined as Chinese lists are. */
      if (i > 0)
        g_string_append (names, "、");
      g_string_append (names, indicator->name_zh);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * gf_chart_spec_build:
 * @aggregator: the aggregator of the layout whose clusters to show
 * @request: what to chart
 * @out_first_year: (out) (optional): the first year shown
 * @out_last_year: (out) (optional): the last year shown
 * @error: return location for a #GF_CHART_SPEC_ERROR or a database error
 *
 * Builds a spec whose title is the indicator (or the indicators, joined by "、"), whose
 * subtitle says the subjects and years, with the indicator's unit and the clusters or
 * villages as series, or as categories for ranked bars, donuts and several indicators (values
 * of the last year; the indicators are then the series). Averages (per-capita incomes in 元)
 * keep their unit; sums let the engine scale theirs. Ranked bars and donuts of clusters take
 * the clusters' colours, as on the map. The size is 960 × 540 and the font scale 1: set them,
 * and the source, before laying it out.
 *
 * Returns: (transfer full) (nullable): a spec that owns its memory, to free with
 *   gf_chart_spec_free()
 */
GfChartSpec *
gf_chart_spec_build (GfAggregator          *aggregator,
                     const GfChartRequest  *request,
                     int                   *out_first_year,
                     int                   *out_last_year,
                     GError               **error)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GfSeriesSet) growth = NULL;
  g_autofree GfChartSeries *series = NULL;
  g_autofree char *years = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree double *values = NULL;
  const GfSeriesSet *shown;
  const GfIndicator *indicator;
  GfChartSpec spec = { 0 };
  gboolean several, single_year, has_data = FALSE;
  int first_year, last_year, fetch_first;
  guint offset, n_all;

  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->subject_ids != NULL || request->n_subjects == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  indicators = resolve_indicators (aggregator, request, error);
  if (indicators == NULL)
    return NULL;
  indicator = g_ptr_array_index (indicators, 0);
  several = indicators->len > 1;
  single_year = several || gf_chart_kind_is_single_year (request->kind);

  if (request->subject == GF_CHART_SUBJECT_VILLAGES && request->n_subjects == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                           _("Choose at least one village to compare"));
      return NULL;
    }

  if (!resolve_years (aggregator, request, &first_year, &last_year, error))
    return NULL;
  if (single_year)
    first_year = last_year;

  /* Growth in the first year shown needs the year before it. */
  fetch_first = first_year;
  if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    {
      int data_first, data_last;

      if (!gf_store_year_range (gf_aggregator_get_database (aggregator), &data_first,
                                &data_last, error))
        return NULL;
      if (first_year > data_first)
        fetch_first = first_year - 1;
    }
  offset = (guint) (first_year - fetch_first);

  sets = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_series_set_free);
  for (guint i = 0; i < indicators->len; i++)
    {
      GfSeriesSet *set = fetch_series (aggregator, request, g_ptr_array_index (indicators, i),
                                       fetch_first, last_year, error);

      if (set == NULL)
        return NULL;
      g_ptr_array_add (sets, set);
    }

  if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    growth = gf_series_growth (g_ptr_array_index (sets, 0));
  shown = growth != NULL ? growth : g_ptr_array_index (sets, 0);

  years = gf_chart_format_years (first_year, last_year);
  for (guint i = 0; i < sets->len && !has_data; i++)
    {
      const GfSeriesSet *set = i == 0 ? shown : g_ptr_array_index (sets, i);

      for (guint s = 0; s < set->n_series && !has_data; s++)
        for (guint y = offset; y < set->n_years && !has_data; y++)
          if (!single_year || y == set->n_years - 1)
            has_data = !isnan (set->values[s][y]);
    }
  if (!has_data)
    {
      g_autofree char *names = join_names (indicators);

      /* Translators: the first %s is an indicator name, the second a year or range of years */
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA,
                   request->kind == GF_CHART_KIND_GROWTH_BAR
                   ? _("There is not enough data on “%s” in %s to compute a growth rate")
                   : _("No village reported “%s” in %s"),
                   names, years);
      return NULL;
    }

  /* A province has hundreds of clusters, and no chart tells more than a dozen apart: the ten
   * largest of the last year are shown (ranked bars pick their own ten), and a share of a
   * summed indicator gives the others one slice. */
  n_all = shown->n_series;
  if (request->subject == GF_CHART_SUBJECT_CLUSTERS && request->kind != GF_CHART_KIND_RANKED_BAR
      && n_all > MANY_CLUSTERS)
    {
      g_autoptr(GArray) order = gf_series_rank (shown);
      g_autofree char *rest = NULL;

      if (request->kind == GF_CHART_KIND_DONUT && !several && !is_average (indicator))
        rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other cluster",
                                             "%u other clusters", n_all - TOP_CLUSTERS),
                                n_all - TOP_CLUSTERS);
      for (guint i = 0; i < sets->len; i++)
        {
          GfSeriesSet *set = g_ptr_array_index (sets, i);

          g_ptr_array_index (sets, i) = gf_series_select (set, (const guint *) order->data,
                                                          TOP_CLUSTERS, rest);
          gf_series_set_free (set);
        }
      if (growth != NULL)
        {
          GfSeriesSet *top = gf_series_select (growth, (const guint *) order->data,
                                               TOP_CLUSTERS, NULL);

          gf_series_set_free (g_steal_pointer (&growth));
          growth = top;
        }
      shown = growth != NULL ? growth : g_ptr_array_index (sets, 0);
    }

  title = join_names (indicators);
  subtitle = make_subtitle (request, years);
  if (n_all > shown->n_series)
    {
      g_autofree char *all = g_steal_pointer (&subtitle);

      if (first_year == last_year)
        /* Translators: a chart's subtitle (by cluster, its year), then which clusters it
         * shows, e.g. "by cluster · 2024 · the top 10 of 240 clusters" */
        subtitle = g_strdup_printf (_("%s · the top %u of %u clusters"), all,
                                    (guint) TOP_CLUSTERS, n_all);
      else
        /* Translators: a chart's subtitle (by cluster, years), then which clusters it shows,
         * e.g. "by cluster · 2010–2024 · the top 10 of 240 clusters in 2024" */
        subtitle = g_strdup_printf (_("%s · the top %u of %u clusters in %d"), all,
                                    (guint) TOP_CLUSTERS, n_all, last_year);
    }
  spec.kind = request->kind;
  spec.title = title;
  spec.subtitle = subtitle;
  spec.unit = request->kind == GF_CHART_KIND_GROWTH_BAR ? "%" : indicator->unit;
  /* Averages such as per-capita incomes are quoted in their own unit ("45,200 元"); every
   * indicator has the first one's unit, and all are averages or none is worth scaling. */
  for (guint i = 0; i < indicators->len && request->kind != GF_CHART_KIND_GROWTH_BAR; i++)
    spec.keep_unit |= is_average (g_ptr_array_index (indicators, i));
  spec.no_data_message = _("No data for this indicator");
  spec.width = 960;
  spec.height = 540;
  spec.font_scale = 1;

  if (several)
    {
      /* The indicators are the series, the clusters or villages the categories: last year. */
      guint n = shown->n_series;

      values = g_new (double, n * sets->len);
      series = g_new0 (GfChartSeries, sets->len);
      for (guint i = 0; i < sets->len; i++)
        {
          const GfSeriesSet *set = g_ptr_array_index (sets, i);

          for (guint c = 0; c < n; c++)
            values[i * n + c] = set->values[c][set->n_years - 1];
          series[i] = (GfChartSeries) { set->name_zh, values + i * n, n, NULL };
        }
      spec.categories = (const char * const *) shown->names;
      spec.n_categories = n;
      spec.series = series;
      spec.n_series = sets->len;
    }
  else if (single_year)
    {
      /* The clusters become the categories of one series: the last year's values, in the
       * clusters' own colours. */
      values = g_new (double, shown->n_series);
      for (guint s = 0; s < shown->n_series; s++)
        values[s] = shown->values[s][shown->n_years - 1];
      series = g_new0 (GfChartSeries, 1);
      series[0] = (GfChartSeries) { indicator->name_zh, values, shown->n_series };
      spec.categories = (const char * const *) shown->names;
      spec.n_categories = shown->n_series;
      if (request->subject == GF_CHART_SUBJECT_CLUSTERS)
        spec.category_colors = (const char * const *) shown->colors;
      spec.series = series;
      spec.n_series = 1;
      spec.show_values = TRUE;
    }
  else
    {
      series = g_new0 (GfChartSeries, shown->n_series);
      for (guint s = 0; s < shown->n_series; s++)
        series[s] = (GfChartSeries) { shown->names[s], shown->values[s] + offset,
                                      shown->n_years - offset, shown->colors[s] };
      spec.categories = (const char * const *) shown->categories + offset;
      spec.n_categories = shown->n_years - offset;
      spec.series = series;
      spec.n_series = shown->n_series;
    }

  if (out_first_year != NULL)
    *out_first_year = first_year;
  if (out_last_year != NULL)
    *out_last_year = last_year;

  return gf_chart_spec_copy (&spec);
}

/* gf-map-util.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers of the map view that need no widget: which name of an indicator to show, the
 * box of a feature, the view that fits a box (libshumate 1.0 has no zoom-to-bounds), and the
 * search over names and codes.
 */

#define G_LOG_DOMAIN "gf-map-util"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gf-cluster-item.h"
#include "gf-map-render.h"
#include "gf-map-util.h"

const char * const gf_map_key_indicators[GF_MAP_N_KEY_INDICATORS] = {
  "coll_operating_income",
  "income_per_capita_disposable",
  "land_transferred",
  "common_prosperity_jobs",
  "ecommerce_sales",
};

/**
 * gf_map_util_prefer_chinese:
 *
 * Whether the interface is in Chinese, so that indicators go by their Chinese names
 * (name_zh) rather than their English ones.
 *
 * Returns: %TRUE for a zh locale or LANGUAGE
 */
gboolean
gf_map_util_prefer_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

/**
 * gf_map_util_indicator_name:
 *
 * Returns: (transfer none): the name of @indicator in the interface language
 */
const char *
gf_map_util_indicator_name (const GfIndicator *indicator)
{
  g_return_val_if_fail (indicator != NULL, NULL);

  if (gf_map_util_prefer_chinese () || indicator->name_en == NULL || *indicator->name_en == '\0')
    return indicator->name_zh;

  return indicator->name_en;
}

/**
 * gf_map_util_feature_bounds:
 *
 * Returns: the world box of a feature (a point for a site); an empty box (x0 > x1) for
 *   %GF_MAP_FEATURE_NONE or an index out of range
 */
GfMapRect
gf_map_util_feature_bounds (const GfMapData  *data,
                            GfMapFeatureKind  kind,
                            int               index)
{
  GfMapRect empty = { 1, 1, 0, 0 };

  g_return_val_if_fail (data != NULL, empty);

  if (index < 0)
    return empty;

  switch (kind)
    {
    case GF_MAP_FEATURE_TOWN:
      if ((guint) index < gf_map_data_get_n_towns (data))
        return gf_map_data_get_town (data, index)->bounds;
      break;

    case GF_MAP_FEATURE_CLUSTER:
      if ((guint) index < gf_map_data_get_n_clusters (data))
        return gf_map_data_get_cluster (data, index)->bounds;
      break;

    case GF_MAP_FEATURE_VILLAGE:
      if ((guint) index < gf_map_data_get_n_villages (data))
        return gf_map_data_get_village (data, index)->bounds;
      break;

    case GF_MAP_FEATURE_SITE:
      if ((guint) index < gf_map_data_get_n_sites (data))
        {
          const GfMapSite *site = gf_map_data_get_site (data, index);

          return (GfMapRect) { site->x, site->y, site->x, site->y };
        }
      break;

    case GF_MAP_FEATURE_NONE:
    default:
      break;
    }

  return empty;
}

/**
 * gf_map_util_fit_rect:
 * @rect: a world box
 * @width: the map widget's width, logical pixels
 * @height: its height
 * @padding: pixels to keep free on each side
 * @max_zoom: the zoom not to go beyond (for a point or a tiny village)
 * @latitude: (out): the centre
 * @longitude: (out): the centre
 * @zoom: (out): the largest zoom, fractional, at which @rect fits
 *
 * The view that shows @rect whole. libshumate 1.0 has no zoom-to-bounds: at zoom z the world
 * is 256 · 2^z pixels wide, so z = log2 (min (W / Δx, H / Δy) / 256) for a box of Δx × Δy
 * world units (the world being 1 × 1).
 *
 * Returns: %FALSE when @rect is empty or the size is not known yet
 */
gboolean
gf_map_util_fit_rect (const GfMapRect *rect,
                      double           width,
                      double           height,
                      double           padding,
                      double           max_zoom,
                      double          *latitude,
                      double          *longitude,
                      double          *zoom)
{
  double dx, dy, avail_w, avail_h, scale;

  g_return_val_if_fail (rect != NULL, FALSE);

  if (rect->x0 > rect->x1 || rect->y0 > rect->y1 || width <= 0 || height <= 0)
    return FALSE;

  dx = MAX (rect->x1 - rect->x0, 1e-12);
  dy = MAX (rect->y1 - rect->y0, 1e-12);
  avail_w = MAX (width - 2 * padding, width / 2);
  avail_h = MAX (height - 2 * padding, height / 2);
  scale = MIN (avail_w / dx, avail_h / dy);

  *zoom = MIN (log2 (scale / GF_MAP_TILE_SIZE), max_zoom);
  gf_map_unproject ((rect->x0 + rect->x1) / 2, (rect->y0 + rect->y1) / 2, longitude, latitude);

  return TRUE;
}

/* Search */

static int
match_score (const char *haystack_folded,
             const char *needle_folded,
             int         base)
{
  const char *found;

  if (haystack_folded == NULL)
    return -1;
  if (g_str_equal (haystack_folded, needle_folded))
    return base;
  found = strstr (haystack_folded, needle_folded);
  if (found == haystack_folded)
    return base + 1;
  if (found != NULL)
    return base + 2;

  return -1;
}

static void
consider (GArray           *results,
          const char       *needle,
          GfMapFeatureKind  kind,
          int               index,
          const char       *name,
          const char       *code,
          const char       *alias)
{
  g_autofree char *name_folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;
  g_autofree char *alias_folded = alias != NULL ? g_utf8_casefold (alias, -1) : NULL;
  int score = match_score (name_folded, needle, 0);
  int alias_score = match_score (alias_folded, needle, 1);
  /* Codes are long digit strings: only their start or an exact code counts. */
  int code_score = code != NULL && g_str_has_prefix (code, needle) ? 1 : -1;
  GfMapMatch match;

  if (name == NULL)
    return;

  if (score < 0 || (alias_score >= 0 && alias_score < score))
    score = alias_score;
  if (score < 0 || (code_score >= 0 && code_score < score))
    score = code_score;
  if (score < 0)
    return;

  match.kind = kind;
  match.index = index;
  match.name = name;
  match.code = code;
  match.score = score;
  g_array_append_val (results, match);
}

static int
kind_rank (GfMapFeatureKind kind)
{
  /* Bigger things first: a planner looking for 粮仓 wants the cluster before a site. */
  switch (kind)
    {
    case GF_MAP_FEATURE_CLUSTER: return 0;
    case GF_MAP_FEATURE_TOWN: return 1;
    case GF_MAP_FEATURE_VILLAGE: return 2;
    case GF_MAP_FEATURE_SITE: return 3;
    case GF_MAP_FEATURE_NONE:
    default: return 4;
    }
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const GfMapMatch *ma = a, *mb = b;
  glong la, lb;

  if (ma->score != mb->score)
    return ma->score - mb->score;
  if (kind_rank (ma->kind) != kind_rank (mb->kind))
    return kind_rank (ma->kind) - kind_rank (mb->kind);
  la = g_utf8_strlen (ma->name, -1);
  lb = g_utf8_strlen (mb->name, -1);
  if (la != lb)
    return la < lb ? -1 : 1;

  return g_utf8_collate (ma->name, mb->name);
}

/**
 * gf_map_util_search:
 * @text: what the user typed
 * @max_results: at most this many results
 *
 * Finds clusters (by name or brand), towns, villages (by name or code) and sites whose name
 * holds @text, ignoring case; exact and prefix matches first, then bigger features first.
 *
 * Returns: (transfer full) (element-type GfMapMatch): the matches, best first
 */
GArray *
gf_map_util_search (const GfMapData *data,
                    const char      *text,
                    guint            max_results)
{
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (GfMapMatch));
  g_autofree char *stripped = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return g_steal_pointer (&results);
  needle = g_utf8_casefold (stripped, -1);

  for (guint i = 0; i < gf_map_data_get_n_clusters (data); i++)
    {
      const GfMapCluster *c = gf_map_data_get_cluster (data, i);

      if (c->n_members > 0)
        consider (results, needle, GF_MAP_FEATURE_CLUSTER, i, c->name, NULL, c->brand);
    }
  for (guint i = 0; i < gf_map_data_get_n_towns (data); i++)
    {
      const GfMapArea *t = gf_map_data_get_town (data, i);

      consider (results, needle, GF_MAP_FEATURE_TOWN, i, t->name, t->code, NULL);
    }
  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (data, i);

      consider (results, needle, GF_MAP_FEATURE_VILLAGE, i, v->name, v->code, NULL);
    }
  for (guint i = 0; i < gf_map_data_get_n_sites (data); i++)
    {
      const GfMapSite *s = gf_map_data_get_site (data, i);

      consider (results, needle, GF_MAP_FEATURE_SITE, i, s->name, NULL, NULL);
    }

  g_array_sort (results, compare_matches);
  if (results->len > max_results)
    g_array_set_size (results, max_results);

  return g_steal_pointer (&results);
}

/**
 * gf_map_util_feature_kind_label:
 *
 * Returns: the translated name of a kind of feature, as search results and the details pane
 *   show it
 */
const char *
gf_map_util_feature_kind_label (GfMapFeatureKind kind)
{
  switch (kind)
    {
    /* Translators: a town or subdistrict (镇街) */
    case GF_MAP_FEATURE_TOWN: return C_("feature kind", "Town");
    /* Translators: a cluster of villages (组团) */
    case GF_MAP_FEATURE_CLUSTER: return C_("feature kind", "Cluster");
    /* Translators: an administrative village (行政村) */
    case GF_MAP_FEATURE_VILLAGE: return C_("feature kind", "Village");
    /* Translators: a park, base or service site on the map */
    case GF_MAP_FEATURE_SITE: return C_("feature kind", "Site");
    case GF_MAP_FEATURE_NONE:
    default:
      return "";
    }
}

/**
 * gf_map_util_measure_legend:
 * @width: (out): the legend's width, logical pixels
 * @height: (out): its height
 *
 * The size gf_map_render_legend() takes, measured on a scratch surface.
 */
void
gf_map_util_measure_legend (const GfMapData  *data,
                            const GfMapStyle *style,
                            guint             layers,
                            double           *width,
                            double           *height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  gf_map_measure_legend (data, style, layers, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/**
 * gf_map_util_draw_legend:
 *
 * Draws the legend with its top-left corner at the origin of @cr.
 */
void
gf_map_util_draw_legend (const GfMapData  *data,
                         const GfMapStyle *style,
                         guint             layers,
                         cairo_t          *cr)
{
  gf_map_render_legend (data, style, layers, cr, 0, 0);
}

/**
 * gf_map_util_format_number:
 *
 * Formats a figure as the overview does (gf_format_value()), but whole numbers (jobs,
 * households, a benchmark of 50) without a decimal.
 *
 * Returns: (transfer full): the text, a dash for NaN
 */
char *
gf_map_util_format_number (double value)
{
  if (!isnan (value) && fabs (value) < 1e15 && value == round (value))
    return g_strdup_printf ("%'.0f", value);

  return gf_format_value (value);
}

/**
 * gf_map_util_format_with_unit:
 * @unit: (nullable): the unit of the figure (万元, 亩, …)
 *
 * Returns: (transfer full): the figure and its unit, or a dash for NaN
 */
char *
gf_map_util_format_with_unit (double      value,
                              const char *unit)
{
  g_autofree char *number = gf_map_util_format_number (value);

  if (isnan (value) || unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);

  /* Translators: a figure and its unit, such as “1,234 万元” */
  return g_strdup_printf (C_("value with unit", "%s %s"), number, unit);
}

/* gf-sample.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invented sample district (示例区), shipped as CSV and GeoJSON files in the core's
 * resources and loaded through the same importers as a district's own files.
 */

#define G_LOG_DOMAIN "gf-sample"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gf-briefing.h"
#include "gf-sample.h"
#include "gf-store.h"

#define SAMPLE_PREFIX "/io/github/gongfuatlas/Atlas/sample/"

static const struct
{
  GfImportKind  kind;
  const char   *file;
} sample_files[] = {
  { GF_IMPORT_DISTRICT, "district.csv" },
  { GF_IMPORT_TOWNS, "towns.csv" },
  { GF_IMPORT_VILLAGES, "villages.csv" },
  { GF_IMPORT_BOUNDARIES, "boundaries.geojson" },
  { GF_IMPORT_CLUSTERS, "clusters.csv" },
  { GF_IMPORT_CLUSTER_MEMBERS, "cluster_members.csv" },
  { GF_IMPORT_ALLIANCES, "alliances.csv" },
  { GF_IMPORT_ORGANIZATIONS, "organizations.csv" },
  { GF_IMPORT_ORGANIZATION_OWNERS, "organization_owners.csv" },
  { GF_IMPORT_ALLIANCE_MEMBERS, "alliance_members.csv" },
  { GF_IMPORT_SITES, "sites.csv" },
  { GF_IMPORT_ROUTES, "routes.geojson" },
  { GF_IMPORT_OBSERVATIONS, "observations.csv" },
  { GF_IMPORT_TASKS, "tasks.csv" },
  { GF_IMPORT_ACTIVITIES, "activities.csv" },
  { GF_IMPORT_FINANCE, "finance.csv" },
  { GF_IMPORT_TALENTS, "talents.csv" },
  { GF_IMPORT_SCORE_RULES, "score_rules.csv" },
};

/* The ready-made briefing of the sample district: sample data like the files above, so its
 * names are Chinese and not translated. */
#define SAMPLE_BRIEFING "示例区共富工作汇报"
#define SAMPLE_BRIEFING_SOURCE "示例区农业农村局村级统计（虚构示例数据）"
#define SAMPLE_MAP_ALL (GF_MAP_LAYER_TOWNS | GF_MAP_LAYER_CLUSTERS | GF_MAP_LAYER_VILLAGES \
                        | GF_MAP_LAYER_SITES | GF_MAP_LAYER_ROUTES | GF_MAP_LAYER_LABELS)
#define SAMPLE_MAP_VALUES (GF_MAP_LAYER_TOWNS | GF_MAP_LAYER_CLUSTERS | GF_MAP_LAYER_VILLAGES \
                           | GF_MAP_LAYER_LABELS)

static const struct
{
  GfSlideKind  kind;
  GfChartKind  chart_kind;
  const char  *indicator;
  int          first_year;
  int          last_year;
  const char  *fit_cluster;   /* maps: NULL for the district */
  guint        layers;
  const char  *title;
} sample_slides[] = {
  { GF_SLIDE_MAP, 0, NULL, 0, 0, NULL, SAMPLE_MAP_ALL, "共富组团总体布局" },
  { GF_SLIDE_CHART, GF_CHART_KIND_LINE, "coll_operating_income", 0, 0, NULL, 0,
    "村级集体经济经营性收入持续增长" },
  { GF_SLIDE_CHART, GF_CHART_KIND_RANKED_BAR, "coll_operating_income", 0, 2025, NULL, 0,
    "2025年各组团经营性收入排名" },
  { GF_SLIDE_MAP, 0, "coll_operating_income", 0, 2025, NULL, SAMPLE_MAP_VALUES,
    "各村集体经济经营性收入" },
  { GF_SLIDE_CHART, GF_CHART_KIND_GROWTH_BAR, "income_per_capita_disposable", 2021, 2025, NULL,
    0, "农村居民人均可支配收入增速" },
  { GF_SLIDE_CHART, GF_CHART_KIND_STACKED_BAR, "ecommerce_sales", 2019, 2025, NULL, 0,
    "电商销售额逐年攀升" },
  { GF_SLIDE_CHART, GF_CHART_KIND_DONUT, "land_transferred", 0, 2025, NULL, 0,
    "2025年土地流转面积构成" },
  { GF_SLIDE_MAP, 0, NULL, 0, 0, "源头共富", SAMPLE_MAP_ALL, NULL },
  { GF_SLIDE_CHART, GF_CHART_KIND_SMALL_MULTIPLES, "tourism_income", 0, 0, NULL, 0,
    "各组团旅游经济收入" },
  { GF_SLIDE_LEADERBOARD, 0, NULL, 0, 2025, NULL, 0, "2025年组团比拼晾晒" },
};

static gboolean
add_sample_briefing (GfDatabase  *db,
                     GError     **error)
{
  gint64 briefing_id;

  if (!gf_store_create_briefing (db, SAMPLE_BRIEFING, SAMPLE_BRIEFING_SOURCE, &briefing_id,
                                 error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_slides); i++)
    {
      g_autoptr(GfSlide) slide = NULL;
      gint64 cluster_id = 0;

      if (sample_slides[i].kind == GF_SLIDE_CHART)
        {
          GfChartRequest request = { 0 };

          request.kind = sample_slides[i].chart_kind;
          request.indicators = &sample_slides[i].indicator;
          request.n_indicators = 1;
          request.first_year = sample_slides[i].first_year;
          request.last_year = sample_slides[i].last_year;
          slide = gf_slide_new_chart (&request, sample_slides[i].title);
        }
      else if (sample_slides[i].kind == GF_SLIDE_LEADERBOARD)
        {
          slide = gf_slide_new_leaderboard (sample_slides[i].last_year, sample_slides[i].title);
        }
      else
        {
          if (sample_slides[i].fit_cluster != NULL
              && !gf_store_lookup_id (db, "cluster", "name", sample_slides[i].fit_cluster,
                                      &cluster_id, error))
            return FALSE;
          slide = gf_slide_new_map (cluster_id != 0 ? GF_SLIDE_FIT_CLUSTER
                                                    : GF_SLIDE_FIT_DISTRICT,
                                    cluster_id, sample_slides[i].indicator,
                                    sample_slides[i].last_year, sample_slides[i].layers,
                                    GF_MAP_CLASSIFY_QUANTILE, 0, sample_slides[i].title);
        }

      if (!gf_store_add_slide (db, briefing_id, slide, -1, NULL, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GfProgressFunc progress;
  gpointer       progress_data;
  guint          index;
} Progress;

static void
file_progress (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress)
    p->progress ((p->index + fraction) / G_N_ELEMENTS (sample_files), p->progress_data);
}

/**
 * gf_sample_load:
 * @db: an empty, writable database
 *
 * Loads the sample district in one transaction and marks the database as sample data, which
 * the application says wherever it shows the district. It comes with a ready-made briefing,
 * 示例区共富工作汇报.
 */
gboolean
gf_sample_load (GfDatabase      *db,
                GfProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  Progress p = { progress, progress_data, 0 };

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if (gf_store_count (db, "village", error) != 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                             _("The sample district can only be loaded into an empty database"));
      return FALSE;
    }

  /* The outer transaction makes the whole sample atomic; each import joins it. */
  if (!gf_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    {
      g_autofree char *path = g_strconcat (SAMPLE_PREFIX, sample_files[i].file, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);

      p.index = i;
      if (bytes == NULL
          || !gf_import_bytes (db, sample_files[i].kind, bytes, sample_files[i].file,
                               GF_IMPORT_FLAGS_NONE, NULL, file_progress, &p, cancellable,
                               error))
        {
          gf_database_rollback (db);
          return FALSE;
        }
    }

  if (!gf_store_set_sample (db, TRUE, error)
      || !add_sample_briefing (db, error)
      || !gf_store_audit (db, "sample", "district", NULL, error))
    {
      gf_database_rollback (db);
      return FALSE;
    }

  return gf_database_commit (db, "*", error);
}

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
 * the application says wherever it shows the district.
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
      || !gf_store_audit (db, "sample", "district", NULL, error))
    {
      gf_database_rollback (db);
      return FALSE;
    }

  return gf_database_commit (db, "*", error);
}

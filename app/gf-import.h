/* gf-import.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importers for the files a district office exchanges. Every import is one transaction: when
 * any row fails, nothing is written and the error names the file, the row and the field.
 *
 * CSV files (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows saves them) have
 * one header row of column names in any order; unknown columns are an error so that a typo never
 * silently drops a field. Empty cells are NULL. Columns of each kind ("*" = required):
 *
 *   district           code*(6 digits), name*
 *   towns              code*(9 digits), name*, kind (subdistrict|town|township; default from the
 *                      code block: 001–099 subdistrict, 100–199 town, 200–399 township)
 *   villages           code*(12 digits, starting with its town's code), name*, town_code*,
 *                      kind (village|community; default from the code: 0xx community, else
 *                      village), lon, lat, population, households, area_km2
 *   clusters           name*, brand, industry, color (#RRGGBB), town_code, description
 *   cluster_members    layout*, cluster*, village_code*   (a layout is created on first use;
 *                      the first layout of a database becomes the current one)
 *   alliances          name*, level*(district|town|cluster), parent, town_code, cluster
 *   organizations      name*, kind*(department|town|village|university|enterprise|bank|social|
 *                      company), town_code, village_code
 *   organization_owners organization*, village_code*, share_percent*
 *   alliance_members   alliance*, organization*, role, joined_year
 *   sites              name*, kind*(agri_park|integration_park|logistics_centre|common_factory|
 *                      ecommerce_building|service_centre|scenic_spot|base),
 *                      level*(national|provincial|city|district), lon*, lat*, cluster,
 *                      village_code, investment_wan, year_opened
 *   observations       either wide: village_code*, year*, then one column per indicator code;
 *                      or long: village_code*, indicator*, year*, value*
 *   tasks              title*, alliance, cluster, year*, due_date (YYYY-MM-DD), progress (0–100)
 *   activities         alliance, cluster, kind*(problem_solved|meeting|event|online),
 *                      date*(YYYY-MM-DD), count, title
 *   finance            village_code*, kind*(loan|grant), product, provider, year*, amount_wan*,
 *                      interest_saved_wan
 *   talents            name*, kind*(expert|graduate|veteran|xiangxian|new_farmer|
 *                      livestream_host), specialty, cluster, village_code, since_year*
 *   score_rules        component*(task|growth|activity), indicator (growth only), weight*
 *
 * References (town_code, cluster, alliance, organization, …) name records that exist in the
 * database or earlier in the same file. GeoJSON files:
 *
 *   boundaries         a FeatureCollection of Polygon/MultiPolygon features whose properties hold
 *                      "level" (district|town|village; guessed from the code length when absent)
 *                      and "code" or "name" to match an existing record
 *   routes             a FeatureCollection of LineString/MultiLineString features with
 *                      properties name*, kind*(scenic_road|red_tourism|industry_line), cluster
 */

#pragma once

#include <gio/gio.h>

#include "gf-database.h"

G_BEGIN_DECLS

#define GF_IMPORT_ERROR (gf_import_error_quark ())

typedef enum
{
  GF_IMPORT_ERROR_FORMAT,       /* not a CSV/GeoJSON file of that kind, or a bad encoding */
  GF_IMPORT_ERROR_MISSING,      /* a required column or value is absent */
  GF_IMPORT_ERROR_VALUE,        /* a value of the wrong type or out of range */
  GF_IMPORT_ERROR_REFERENCE,    /* a reference to a record that does not exist */
  GF_IMPORT_ERROR_DUPLICATE,    /* a code or name given twice */
} GfImportError;

typedef enum
{
  GF_IMPORT_DISTRICT,
  GF_IMPORT_TOWNS,
  GF_IMPORT_VILLAGES,
  GF_IMPORT_CLUSTERS,
  GF_IMPORT_CLUSTER_MEMBERS,
  GF_IMPORT_ALLIANCES,
  GF_IMPORT_ORGANIZATIONS,
  GF_IMPORT_ORGANIZATION_OWNERS,
  GF_IMPORT_ALLIANCE_MEMBERS,
  GF_IMPORT_SITES,
  GF_IMPORT_OBSERVATIONS,
  GF_IMPORT_TASKS,
  GF_IMPORT_ACTIVITIES,
  GF_IMPORT_FINANCE,
  GF_IMPORT_TALENTS,
  GF_IMPORT_SCORE_RULES,
  GF_IMPORT_BOUNDARIES,
  GF_IMPORT_ROUTES,
  GF_IMPORT_N_KINDS
} GfImportKind;

typedef enum
{
  GF_IMPORT_FLAGS_NONE   = 0,
  /* Boundaries and routes: the coordinates are GCJ-02 (AMap, DataV) and are converted to WGS84. */
  GF_IMPORT_FLAGS_GCJ02  = 1 << 0,
} GfImportFlags;

/**
 * GfProgressFunc:
 * @fraction: the part done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Reports progress from the thread that does the work; a UI hands it on to the main thread.
 */
typedef void (*GfProgressFunc) (double   fraction,
                                gpointer user_data);

GQuark      gf_import_error_quark      (void);
const char *gf_import_kind_to_string   (GfImportKind    kind);
gboolean    gf_import_kind_from_string (const char     *text,
                                        GfImportKind   *kind);
gboolean    gf_import_bytes            (GfDatabase     *db,
                                        GfImportKind    kind,
                                        GBytes         *bytes,
                                        const char     *filename,
                                        GfImportFlags   flags,
                                        guint          *n_rows,
                                        GfProgressFunc  progress,
                                        gpointer        progress_data,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean    gf_import_file             (GfDatabase     *db,
                                        GfImportKind    kind,
                                        GFile          *file,
                                        GfImportFlags   flags,
                                        guint          *n_rows,
                                        GfProgressFunc  progress,
                                        gpointer        progress_data,
                                        GCancellable   *cancellable,
                                        GError        **error);

G_END_DECLS

/* gf-store.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads and writes of records. All SQL of the application lives here and in gf-database.c;
 * callers name tables and columns from their own static tables and pass values, which are
 * always bound as parameters.
 */

#pragma once

#include "gf-database.h"
#include "gf-geometry.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  GF_STORE_NULL,
  GF_STORE_INT,
  GF_STORE_REAL,
  GF_STORE_TEXT,
} GfStoreValueType;

typedef struct
{
  GfStoreValueType  type;
  gint64            i;
  double            d;
  const char       *s;   /* borrowed */
} GfStoreValue;

/**
 * GfIndicator:
 *
 * An indicator of the database's catalogue.
 */
typedef struct
{
  gint64  id;
  char   *code;
  char   *name_zh;
  char   *name_en;
  char   *unit;
  char   *category;
  int     aggregation;    /* GfAggregation */
  char   *weight_code;
  char   *formula;
  int     direction;
  char   *measure;
  double  benchmark;      /* NaN when none */
} GfIndicator;

/**
 * GfVillageValues:
 * @n: number of villages with a value
 * @village_ids: (array length=n): village ids in ascending order
 * @values: (array length=n): their values
 */
typedef struct
{
  guint   n;
  gint64 *village_ids;
  double *values;
} GfVillageValues;

gboolean      gf_store_upsert                 (GfDatabase          *db,
                                               const char          *table,
                                               const char * const  *columns,
                                               const GfStoreValue  *values,
                                               guint                n_columns,
                                               const char          *conflict_key,
                                               gint64              *out_id,
                                               GError             **error);
gboolean      gf_store_lookup_id              (GfDatabase          *db,
                                               const char          *table,
                                               const char          *key_column,
                                               const char          *key,
                                               gint64              *out_id,
                                               GError             **error);
gboolean      gf_store_lookup_text            (GfDatabase          *db,
                                               const char          *table,
                                               const char          *column,
                                               gint64               id,
                                               char               **out_text,
                                               GError             **error);
gboolean      gf_store_set_geometry           (GfDatabase          *db,
                                               const char          *table,
                                               const char          *column,
                                               gint64               id,
                                               const GfGeometry    *geometry,
                                               GError             **error);
GfGeometry   *gf_store_get_geometry           (GfDatabase          *db,
                                               const char          *table,
                                               const char          *column,
                                               gint64               id,
                                               GError             **error);
gboolean      gf_store_create_source          (GfDatabase          *db,
                                               const char          *name,
                                               gint64              *out_id,
                                               GError             **error);
gboolean      gf_store_audit                  (GfDatabase          *db,
                                               const char          *action,
                                               const char          *subject,
                                               const char          *detail,
                                               GError             **error);
gboolean      gf_store_layout_ensure          (GfDatabase          *db,
                                               const char          *name,
                                               gint64              *out_id,
                                               GError             **error);
gboolean      gf_store_current_layout         (GfDatabase          *db,
                                               gint64              *out_id,
                                               GError             **error);
gboolean      gf_store_put_observation        (GfDatabase          *db,
                                               gint64               indicator_id,
                                               int                  year,
                                               gint64               village_id,
                                               double               value,
                                               gint64               source_id,
                                               GError             **error);
GPtrArray    *gf_store_list_indicators        (GfDatabase          *db,
                                               GError             **error);
void          gf_indicator_free               (GfIndicator         *indicator);
GfVillageValues *gf_store_village_values      (GfDatabase          *db,
                                               gint64               indicator_id,
                                               int                  year,
                                               GError             **error);
void          gf_village_values_free          (GfVillageValues     *values);
GHashTable   *gf_store_cluster_membership     (GfDatabase          *db,
                                               gint64               layout_id,
                                               GError             **error);
GHashTable   *gf_store_village_populations    (GfDatabase          *db,
                                               GError             **error);
gboolean      gf_store_year_range             (GfDatabase          *db,
                                               int                 *first_year,
                                               int                 *last_year,
                                               GError             **error);
gint64        gf_store_count                  (GfDatabase          *db,
                                               const char          *table,
                                               GError             **error);
gboolean      gf_store_set_sample             (GfDatabase          *db,
                                               gboolean             is_sample,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfIndicator, gf_indicator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfVillageValues, gf_village_values_free)

G_END_DECLS

G_BEGIN_DECLS

/**
 * GfClusterRecord:
 * @id: the cluster id
 * @name: its name
 * @brand: (nullable): its brand
 * @color: (nullable): #RRGGBB
 * @industry: (nullable): its leading industry
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *brand;
  char   *color;
  char   *industry;
} GfClusterRecord;

typedef struct
{
  char   *code;
  char   *name;
  gboolean is_sample;
} GfDistrictRecord;

GPtrArray *gf_store_list_clusters  (GfDatabase        *db,
                                    GError           **error);
void       gf_cluster_record_free  (GfClusterRecord   *record);
gboolean   gf_store_get_district   (GfDatabase        *db,
                                    GfDistrictRecord  *district,
                                    GError           **error);

G_END_DECLS

G_BEGIN_DECLS

/**
 * GfStoreColumn:
 * @column: a column of the table
 * @ref_table: (nullable): for a foreign key, the referenced table
 * @ref_key: (nullable): the referenced table's column to return instead of the id
 */
typedef struct
{
  const char *column;
  const char *ref_table;
  const char *ref_key;
} GfStoreColumn;

/**
 * GfFeatureRecord:
 * @id: the row id
 * @code: (nullable): the record's code (district, towns, villages)
 * @name: its name
 * @kind: (nullable): the route kind
 * @cluster: (nullable): the route's cluster name
 * @geometry: the geometry
 */
typedef struct
{
  gint64      id;
  char       *code;
  char       *name;
  char       *kind;
  char       *cluster;
  GfGeometry *geometry;
} GfFeatureRecord;

typedef gboolean (*GfObservationFunc) (const char *village_code,
                                       int         year,
                                       const char *indicator_code,
                                       double      value,
                                       gpointer    user_data);

GPtrArray *gf_store_select_rows         (GfDatabase           *db,
                                         const char           *table,
                                         const GfStoreColumn  *columns,
                                         guint                 n_columns,
                                         GError              **error);
gboolean   gf_store_foreach_observation (GfDatabase           *db,
                                         GfObservationFunc     func,
                                         gpointer              user_data,
                                         GCancellable         *cancellable,
                                         GError              **error);
GPtrArray *gf_store_list_features       (GfDatabase           *db,
                                         const char           *table,
                                         GError              **error);
void       gf_feature_record_free       (GfFeatureRecord      *record);

G_END_DECLS

G_BEGIN_DECLS

gboolean gf_store_update_value (GfDatabase          *db,
                                const char          *table,
                                gint64               id,
                                const char          *column,
                                const GfStoreValue  *value,
                                GError             **error);

G_END_DECLS

G_BEGIN_DECLS

gint64 gf_store_count_towns_outside (GfDatabase  *db,
                                     const char  *district_code,
                                     GError     **error);

G_END_DECLS

G_BEGIN_DECLS

void gf_json_add_number_or_null (JsonBuilder *builder,
                                 double       value);
void gf_json_add_indicators     (JsonBuilder *builder,
                                 GPtrArray   *indicators);

G_END_DECLS

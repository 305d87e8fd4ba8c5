/* gf-store-map-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map's reads (gf-store-map.c), for gf-map-data.c only: one query per table, rows handed
 * to a callback with borrowed strings and geometry blobs, so that loading a province-sized
 * district allocates nothing per row beyond what the map keeps.
 */

#pragma once

#include "gf-database.h"

G_BEGIN_DECLS

typedef enum
{
  GF_STORE_MAP_DISTRICT,   /* id, code, name, blob = boundary */
  GF_STORE_MAP_TOWNS,      /* id, code, name, blob = boundary; by code */
  GF_STORE_MAP_VILLAGES,   /* id, code, name, town_id, cluster_id (in the layout), lon/lat,
                            * blob = boundary; by id */
  GF_STORE_MAP_CLUSTERS,   /* id, name, kind = colour, level = brand; by id */
  GF_STORE_MAP_SITES,      /* id, name, kind, level, lon/lat, cluster_id, village_id; by id */
  GF_STORE_MAP_ROUTES,     /* id, name, kind, cluster_id, blob = geometry; by id */
} GfStoreMapTable;

/**
 * GfStoreMapRow:
 *
 * One row of a map query. Every pointer is borrowed and valid only during the callback;
 * absent values are %NULL, 0 or @has_point = %FALSE.
 */
typedef struct
{
  gint64       id;
  const char  *code;
  const char  *name;
  const char  *kind;
  const char  *level;
  gint64       town_id;
  gint64       cluster_id;
  gint64       village_id;
  gboolean     has_point;
  double       lon;
  double       lat;
  const void  *blob;
  gsize        blob_size;
} GfStoreMapRow;

typedef gboolean (*GfStoreMapRowFunc) (const GfStoreMapRow  *row,
                                       gpointer              user_data,
                                       GError              **error);

gboolean _gf_store_map_resolve_layout (GfDatabase          *db,
                                       gint64               layout_id,
                                       gint64              *out_id,
                                       GError             **error);
gboolean _gf_store_map_foreach        (GfDatabase          *db,
                                       GfStoreMapTable      table,
                                       gint64               layout_id,
                                       GfStoreMapRowFunc    func,
                                       gpointer             user_data,
                                       GError             **error);

G_END_DECLS
